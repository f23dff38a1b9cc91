import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The built renderer beside the built main bundle (out/main -> out/renderer). The calling module may sit in
 * out/main or, loaded on demand by the CLI, in out/main/chunks.
 */
export function builtRendererDir(from: string): string {
  const candidates = [join(from, '..', 'renderer'), join(from, '..', '..', 'renderer')]
  return resolve(candidates.find((c) => existsSync(join(c, 'index.html'))) ?? (candidates[0] as string))
}

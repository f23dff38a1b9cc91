import type { IncomingMessage, ServerResponse } from 'node:http'

export interface RestRequest {
  method: string
  path: string
  query: URLSearchParams
}

export interface RestReply {
  status: number
  body: string
  headers?: Record<string, string>
}

export type RestHandler = (req: RestRequest) => Promise<RestReply | null> | RestReply | null

export const json = (value: unknown, status = 200): RestReply => ({ status, body: JSON.stringify(value) })

export function intParam(q: URLSearchParams, name: string): number | null {
  const v = q.get(name)
  if (v === null || v === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}

export function toRestRequest(req: IncomingMessage): RestRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams }
}

export function send(res: ServerResponse, reply: RestReply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) })
  res.end(reply.body)
}

/** Resolves once `ready()` holds, checking every 10 ms, or after `timeoutMs` regardless. */
export async function waitFor(ready: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!ready() && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
}

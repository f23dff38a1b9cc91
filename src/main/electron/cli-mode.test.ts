import { describe, expect, it } from 'vitest'
import { cliArgsFrom, cliArgv } from './cli-mode'

describe('the CLI inside the app', () => {
  it('is chosen only by the flag, and takes every argument after it as the CLI’s', () => {
    expect(cliArgsFrom(['/opt/Leverage Radar/leverage-radar'])).toBeNull()
    expect(cliArgsFrom(['/opt/Leverage Radar/leverage-radar', '--no-sandbox'])).toBeNull()
    expect(
      cliArgsFrom(['/opt/Leverage Radar/leverage-radar', '--radar-cli', 'size', '--json', '--radar-cli']),
    ).toEqual(['size', '--json', '--radar-cli'])
    // Unpackaged: electron . --radar-cli ...
    expect(cliArgsFrom(['electron', '.', '--radar-cli', 'scan', '--venue', 'bybit'])).toEqual([
      'scan',
      '--venue',
      'bybit',
    ])
  })

  it('hands the CLI entry the argv shape plain Node gives it', () => {
    expect(
      cliArgv('/app/leverage-radar', '/app/resources/app.asar/out/main/cli.js', ['size', '--json']),
    ).toEqual(['/app/leverage-radar', '/app/resources/app.asar/out/main/cli.js', 'size', '--json'])
  })
})

declare const __RADAR_VERSION__: string | undefined

/** The app version, injected at build time from package.json. */
export const RADAR_VERSION: string = typeof __RADAR_VERSION__ === 'string' ? __RADAR_VERSION__ : '0.0.0-dev'

#!/usr/bin/env node
// Generates the installers' icons from resources/icon.svg into build/: PNGs for Linux (build/icons/NxN.png),
// build/icon.png, a Windows build/icon.ico and a macOS build/icon.icns (both holding PNG images, which
// Windows Vista+ and macOS 10.7+ read). Rasterizes with rsvg-convert (apt-get install -y librsvg2-bin);
// the ICO and ICNS containers are written here, byte by byte, so no platform tool is needed.
// Run: node scripts/make-icons.mjs (the output is committed; re-run after changing the SVG).
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const svg = join(root, 'resources', 'icon.svg')
const out = join(root, 'build')

function png(size) {
  return execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), svg], {
    maxBuffer: 64 * 1024 * 1024,
  })
}

/** ICO: a 6-byte header, a 16-byte entry per image, then the images (PNG-compressed). */
export function ico(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16)
    e.writeUInt8(size >= 256 ? 0 : size, 0) // width, 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1) // height
    e.writeUInt8(0, 2) // no palette
    e.writeUInt8(0, 3) // reserved
    e.writeUInt16LE(1, 4) // colour planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(data.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += data.length
    return e
  })
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)])
}

/** ICNS: 'icns' + total length, then per image a 4-char type, its length (8 + data) and the PNG data. */
export function icns(images) {
  const chunks = images.map(({ type, data }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(8 + data.length, 4)
    return Buffer.concat([head, data])
  })
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([head, body])
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(out, 'icons'), { recursive: true })
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
  const pngs = new Map(sizes.map((s) => [s, png(s)]))
  for (const [size, data] of pngs) writeFileSync(join(out, 'icons', `${size}x${size}.png`), data)
  writeFileSync(join(out, 'icon.png'), pngs.get(1024))
  writeFileSync(
    join(out, 'icon.ico'),
    ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: pngs.get(size) }))),
  )
  // Apple's PNG-bearing types: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x),
  // ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ]
  writeFileSync(join(out, 'icon.icns'), icns(types.map(([type, size]) => ({ type, data: pngs.get(size) }))))
  process.stdout.write(`icons written to ${out}\n`)
}

/**
 * A price-level book kept as two sorted arrays (bids descending, asks ascending) so applying a diff is a
 * binary search plus a splice and the top N levels are a slice, without re-sorting on every update.
 */
export class OrderBook {
  private bidPx: number[] = []
  private bidQty: number[] = []
  private askPx: number[] = []
  private askQty: number[] = []

  clear(): void {
    this.bidPx = []
    this.bidQty = []
    this.askPx = []
    this.askQty = []
  }

  /** Sets a level; quantity 0 removes it. */
  setBid(price: number, qty: number): void {
    setLevel(this.bidPx, this.bidQty, price, qty, true)
  }

  setAsk(price: number, qty: number): void {
    setLevel(this.askPx, this.askQty, price, qty, false)
  }

  get levelCount(): number {
    return this.bidPx.length + this.askPx.length
  }

  bestBid(): number | null {
    return this.bidPx[0] ?? null
  }

  bestAsk(): number | null {
    return this.askPx[0] ?? null
  }

  /** Top `n` levels per side as [price, qty], best first; `qtyScale` converts quantities (e.g. contracts). */
  top(
    n: number,
    toBase: (qty: number, price: number) => number = (q) => q,
  ): {
    bids: [number, number][]
    asks: [number, number][]
  } {
    const bids: [number, number][] = []
    const asks: [number, number][] = []
    for (let i = 0; i < Math.min(n, this.bidPx.length); i++) {
      bids.push([this.bidPx[i]!, toBase(this.bidQty[i]!, this.bidPx[i]!)])
    }
    for (let i = 0; i < Math.min(n, this.askPx.length); i++) {
      asks.push([this.askPx[i]!, toBase(this.askQty[i]!, this.askPx[i]!)])
    }
    return { bids, asks }
  }
}

function setLevel(px: number[], qty: number[], price: number, q: number, descending: boolean): void {
  let lo = 0
  let hi = px.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const p = px[mid]!
    if (descending ? p > price : p < price) lo = mid + 1
    else hi = mid
  }
  const exists = lo < px.length && px[lo] === price
  if (q === 0) {
    if (exists) {
      px.splice(lo, 1)
      qty.splice(lo, 1)
    }
  } else if (exists) {
    qty[lo] = q
  } else {
    px.splice(lo, 0, price)
    qty.splice(lo, 0, q)
  }
}

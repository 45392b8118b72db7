/**
 * Figures rounded for people, as the panes show them: a few significant
 * digits and a unit, the exact value being a request away (process-info,
 * realm-info in the Listener). Bytes count in powers of 1024 (16000000 is
 * 15M), counts in powers of 1000 (1234567 is 1.2M), shares of a core in
 * percent (0.0231 is 2.3%).
 */

/** `v` with one decimal below 10, none from there (2.3, 41, 777), as its text. */
function digits(v: number): string {
  return v < 9.95 ? v.toFixed(1) : v.toFixed(0);
}

/** Bytes: 152B, 4.7k, 15M, 1.2G (k = 1024). */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n < 0) return `-${bytes(-n)}`;
  if (n < 1000) return `${Math.round(n)}B`;
  let v = n / 1024;
  for (const unit of ['k', 'M', 'G', 'T']) {
    if (v < 999.5 || unit === 'T') return digits(v) + unit;
    v /= 1024;
  }
  return '-';
}

/** A count in a few columns: 1234, 45k, 3.1M, 71M, 2.0G. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n < 0) return `-${count(-n)}`;
  if (n >= 999.5e6) return digits(n / 1e9) + 'G';
  if (n >= 999.5e3) return digits(n / 1e6) + 'M';
  if (n >= 9999.5) return digits(n / 1e3) + 'k';
  return String(Math.round(n));
}

/** A share (1 = one core, or the whole budget) in percent: 0%, <0.1%, 2.3%, 20%. */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '-';
  if (share < 0) return `-${percent(-share)}`;
  const p = share * 100;
  if (p === 0) return '0%';
  if (p < 0.05) return '<0.1%';
  return `${digits(p).replace(/\.0$/, '')}%`;
}

/** A number that is not a count of something: integers as they are, fractions to three significant digits (0.00231). */
export function decimal(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(3)));
}

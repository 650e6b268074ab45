// Money is BigInt base units end to end; these turn it into text and back, exactly.

/** `amount` base units as IO with every decimal that is not a trailing zero, grouped: 4,566.21004566. */
export function formatIO(amount: bigint, decimals = 8, maxFraction = decimals): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const unit = 10n ** BigInt(decimals);
  const whole = (abs / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let fraction = (abs % unit).toString().padStart(decimals, "0").slice(0, maxFraction);
  fraction = fraction.replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Rounded to `places` decimals (half up), for the published two-decimal figures. */
export function formatRounded(amount: bigint, decimals = 8, places = 2): string {
  const step = 10n ** BigInt(decimals - places);
  const rounded = ((amount + step / 2n) / step) * step;
  const text = formatIO(rounded, decimals, places);
  const [whole, fraction = ""] = text.split(".");
  return `${whole}.${fraction.padEnd(places, "0")}`;
}

/**
 * Parses "1,234.5" IO (or another `unit` with its `decimals`, e.g. USDC's 6) into base units;
 * refuses more decimals than the mint has, or junk. Commas are accepted only as thousands
 * separators ("1,000"), so a European "1,5" is refused rather than read as 15.
 */
export function parseIO(text: string, decimals = 8, unit = "IO"): bigint {
  const clean = text.trim();
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(clean);
  if (!clean || !match || (match[1] === "" && !match[2])) throw new Error("Enter an amount such as 200, 1,000 or 12.5");
  const whole = match[1].replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) throw new Error(`${unit} has ${decimals} decimals at most`);
  return BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** "3 days 4 hours", "12 minutes", "40 seconds". */
export function formatDuration(seconds: number | bigint): string {
  let s = Math.max(0, Number(seconds));
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hours = Math.floor(s / 3_600);
  s -= hours * 3_600;
  const minutes = Math.floor(s / 60);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (days > 0) return hours > 0 ? `${plural(days, "day")} ${plural(hours, "hour")}` : plural(days, "day");
  if (hours > 0) return minutes > 0 ? `${plural(hours, "hour")} ${plural(minutes, "minute")}` : plural(hours, "hour");
  if (minutes > 0) return plural(minutes, "minute");
  return plural(Math.floor(s), "second");
}

export function shortKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : key;
}

export function formatTime(unix: number | bigint): string {
  return new Date(Number(unix) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** Hundredths as a multiplier: 1200 -> "12.00x". */
export function formatMultiplier(centi: number): string {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, "0")}x`;
}

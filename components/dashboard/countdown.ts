/**
 * Countdowns for the dashboard, precise to the second within a day so a ticking clock is
 * visible: "in 59m 58s", "3h 04m 10s ago", "in 2d 5h 10m". Pure: both instants are arguments.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, "0");

export function duration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / SECOND) * SECOND;
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = Math.floor((total % MINUTE) / SECOND);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

export function countdown(target: number, now: number): string {
  const diff = target - now;
  return diff >= 0 ? `in ${duration(diff)}` : `${duration(diff)} ago`;
}

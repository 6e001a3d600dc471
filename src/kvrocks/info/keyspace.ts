/**
 * INFO keyspace: the last DBSIZE SCAN (not a live count), the RocksDB sequence and the size
 * figures. // K-2024 src/server/server.cc GetInfo (keyspace)
 * The model has no files: used_db_size is 0 (as on a real node whose writes are all still in
 * the memtable) and the disk figures are constants of an imaginary 100 GiB disk.
 */
import type { KvrocksNode } from '../node/node.ts';
import { wallSeconds } from '../time.ts';

const GiB = 1024 ** 3;

export function keyspaceLines(node: KvrocksNode): string[] {
  const scan = node.keyNumStats;
  const header =
    scan.scannedAt === null ? '# WARN: DBSIZE SCAN never performed yet' : `# Last DBSIZE SCAN time: ${formatScanTime(wallSeconds(scan.scannedAt))}`;
  const usedDbSize = 0;
  const maxDbSize = node.config.maxDbSize * GiB;
  // used_percent is printed with a space after the colon, as upstream does.
  const usedPercent = maxDbSize === 0 ? 0 : (usedDbSize * 100) / maxDbSize;
  return [
    '# Keyspace',
    header,
    `db0:keys=${scan.keys},expires=${scan.expires},avg_ttl=${scan.avgTtl},expired=${scan.expired}`,
    `sequence:${node.storage.latestSeq}`,
    `used_db_size:${usedDbSize}`,
    `max_db_size:${maxDbSize}`,
    `used_percent: ${usedPercent}%`,
    `disk_capacity:${100 * GiB}`,
    `used_disk_size:${10 * GiB}`,
    'used_disk_percent: 10%',
  ];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime "%a %b %e %H:%M:%S %Y" in UTC, without Date (the core has no wall clock). */
export function formatScanTime(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86400);
  const secs = unixSeconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  return `${DAYS[(days + 4) % 7]} ${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${hms} ${year}`;
}

/** Howard Hinnant's days-from-civil inverse: day count since 1970-01-01 to [y, m, d]. */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

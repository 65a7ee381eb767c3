import { describe, expect, it } from 'vitest';
import { zoneLabel, zoneName } from '../../../../electron/common/time-zone-names';
import { filterTimeZones, supportedTimeZones, zoneOffset } from './time-zones';

describe('time zone choices', () => {
  it('lists the IANA zones, UTC included', () => {
    const zones = supportedTimeZones();
    expect(zones).toContain('Asia/Shanghai');
    expect(zones).toContain('America/New_York');
    expect(zones).toContain('UTC');
  });

  it('filters by every typed word, spaces and underscores alike, in any case', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'Asia/Shanghai', 'Europe/London'];
    expect(filterTimeZones(zones, 'new york', null)).toEqual(['America/New_York']);
    expect(filterTimeZones(zones, 'SHANG', null)).toEqual(['Asia/Shanghai']);
    expect(filterTimeZones(zones, 'america los', null)).toEqual(['America/Los_Angeles']);
    expect(filterTimeZones(zones, '', null)).toEqual(zones);
  });

  it('keeps the chosen zone in the list whatever the filter', () => {
    expect(filterTimeZones(['Asia/Shanghai', 'Europe/London'], 'london', 'Asia/Shanghai')).toEqual([
      'Asia/Shanghai',
      'Europe/London',
    ]);
  });

  it('reads names and offsets as people write them', () => {
    expect(zoneLabel('Asia/Ho_Chi_Minh')).toBe('Asia/Ho Chi Minh');
    expect(zoneOffset('Asia/Shanghai', 'en', Date.UTC(2024, 0, 1))).toBe('GMT+8');
    expect(zoneOffset('America/New_York', 'en', Date.UTC(2024, 6, 1))).toBe('GMT-4');
  });

  it('names a zone in the interface language, its IANA name beside it', () => {
    expect(zoneName('Asia/Shanghai', 'zh-CN')).toBe('中国标准时间 (Asia/Shanghai)');
    expect(zoneName('Asia/Shanghai', 'en')).toBe('China Standard Time (Asia/Shanghai)');
    expect(zoneName('America/New_York', 'zh-CN')).toBe('北美东部时间 (America/New York)');
    expect(zoneName('UTC', 'zh-CN')).toBe('UTC');
    // A Chinese name finds the zone in the picker's filter.
    const zh = (zone: string) => zoneName(zone, 'zh-CN');
    expect(filterTimeZones(['Asia/Shanghai', 'Europe/Berlin'], '中国', null, zh)).toEqual(['Asia/Shanghai']);
  });
});

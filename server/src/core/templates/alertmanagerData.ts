/**
 * The data of Alertmanager notification templates (alertmanager template/template.go): `*template.Data` with
 * its Alerts, KV label sets and their methods (SortedPairs, Remove, Names, Values, Firing, Resolved …), built
 * from the JSON shape of a webhook payload. KV and Pairs print as `a=b, c=d` from Alertmanager 0.26 on.
 */
import { compareVersions } from './functions';
import { GoTime, TIME_TYPE, UTC, ZERO_TIME_NS } from './goTime';
import { GoMap, GoObject, GoPtr, GoSlice, GoStruct, SLICE_STRING, type GoMethod, type GoType, type GoValue } from './values';
import { compareStrings } from '../goStrconv';

export interface AlertInput {
  status?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339 time, or a Date. */
  startsAt?: string | Date;
  endsAt?: string | Date;
  generatorURL?: string;
  fingerprint?: string;
}

export interface NotificationInput {
  receiver?: string;
  status?: string;
  alerts?: AlertInput[];
  groupLabels?: Record<string, string>;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  externalURL?: string;
}

/** JSON names of struct fields (the `json:"…"` tags), for toJson. */
export const JSON_NAMES = new WeakMap<GoType, Record<string, string>>();

function makeTypes(version: string) {
  const newer = compareVersions(version, '0.26') >= 0;
  const strings: GoType = newer
    ? { name: 'template.Strings', kind: 'slice', underlying: '[]string', methods: {} }
    : SLICE_STRING;
  const stringsOf = (items: string[]) => new GoSlice(strings, items, 'string');
  const pair: GoType = { name: 'template.Pair', kind: 'struct' };
  const pairs: GoType = { name: 'template.Pairs', kind: 'slice', underlying: '[]template.Pair' };
  const kv: GoType = { name: 'template.KV', kind: 'map', underlying: 'map[string]string' };
  const pairField = (p: GoValue, f: string) => (p as GoStruct).fields.get(f) as string;
  const pairsText = (ps: GoSlice) => ps.items.map((p) => `${pairField(p, 'Name')}=${pairField(p, 'Value')}`).join(', ');
  const sortedPairs = (m: GoMap): GoSlice => {
    const keys = [...m.entries.keys()];
    const first = keys.filter((k) => k === 'alertname');
    const rest = keys.filter((k) => k !== 'alertname').sort(compareStrings);
    const items = [...first, ...rest].map((k) => new GoStruct(pair, new Map([['Name', k], ['Value', m.entries.get(k)]])));
    return new GoSlice(pairs, items, 'template.Pair');
  };
  const pairsMethods: Record<string, GoMethod> = {
    Names: { params: [], call: (r) => stringsOf((r as GoSlice).items.map((p) => pairField(p, 'Name'))) },
    Values: { params: [], call: (r) => stringsOf((r as GoSlice).items.map((p) => pairField(p, 'Value'))) },
  };
  const kvMethods: Record<string, GoMethod> = {
    SortedPairs: { params: [], call: (r) => sortedPairs(r as GoMap) },
    Remove: {
      params: ['[]string'],
      call: (r, [keys]) => {
        const drop = new Set((keys as GoSlice).items as string[]);
        return new GoMap(kv, new Map([...(r as GoMap).entries].filter(([k]) => !drop.has(k))), '');
      },
    },
    Names: { params: [], call: (r) => pairsMethods.Names.call(sortedPairs(r as GoMap), []) },
    Values: { params: [], call: (r) => pairsMethods.Values.call(sortedPairs(r as GoMap), []) },
  };
  if (newer) {
    pairsMethods.String = { params: [], call: (r) => pairsText(r as GoSlice) };
    kvMethods.String = { params: [], call: (r) => pairsText(sortedPairs(r as GoMap)) };
    pairs.stringer = (v) => pairsText(v as GoSlice);
    kv.stringer = (v) => pairsText(sortedPairs(v as GoMap));
  }
  if (compareVersions(version, '0.34') >= 0) {
    strings.methods = { Join: { params: ['string'], call: (r, [sep]) => ((r as GoSlice).items as string[]).join(sep as string) } };
  }
  pairs.methods = pairsMethods;
  kv.methods = kvMethods;
  return { kv, pair, pairs, strings };
}

const ALERT_TYPE: GoType = { name: 'template.Alert', kind: 'struct' };
const DATA_TYPE: GoType = { name: 'template.Data', kind: 'struct' };
const DATA_PTR: GoType = { name: '*template.Data', kind: 'ptr' };
JSON_NAMES.set(ALERT_TYPE, {
  Status: 'status',
  Labels: 'labels',
  Annotations: 'annotations',
  StartsAt: 'startsAt',
  EndsAt: 'endsAt',
  GeneratorURL: 'generatorURL',
  Fingerprint: 'fingerprint',
});
JSON_NAMES.set(DATA_TYPE, {
  Receiver: 'receiver',
  Status: 'status',
  Alerts: 'alerts',
  GroupLabels: 'groupLabels',
  CommonLabels: 'commonLabels',
  CommonAnnotations: 'commonAnnotations',
  ExternalURL: 'externalURL',
});

/** RFC 3339 with up to nanoseconds, to a UTC time; an absent time is Go's zero time. */
export function parseTime(t: string | Date | undefined): GoTime {
  if (t === undefined) {
    return new GoTime(ZERO_TIME_NS, UTC);
  }
  if (t instanceof Date) {
    return new GoTime(BigInt(t.getTime()) * 1_000_000n, UTC);
  }
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  const ms = Date.parse(m ? `${m[1]}${m[3]}` : t);
  if (Number.isNaN(ms)) {
    return new GoTime(ZERO_TIME_NS, UTC);
  }
  const frac = m?.[2] ? BigInt(m[2].padEnd(9, '0')) : 0n;
  return new GoTime(BigInt(ms) * 1_000_000n + frac, UTC);
}

/** Builds `*template.Data` from a webhook-shaped payload, for the given Alertmanager version (default 0.25). */
export function alertmanagerData(input: NotificationInput, version = '0.25'): GoPtr {
  const t = makeTypes(version);
  const kvOf = (r: Record<string, string> | undefined) => new GoMap(t.kv, new Map(Object.entries(r ?? {})), '');
  const alertsType: GoType = {
    name: 'template.Alerts',
    kind: 'slice',
    underlying: '[]template.Alert',
    methods: {
      Firing: { params: [], call: (r) => filterAlerts(r as GoSlice, 'firing') },
      Resolved: { params: [], call: (r) => filterAlerts(r as GoSlice, 'resolved') },
    },
  };
  const alerts = (input.alerts ?? []).map(
    (a) =>
      new GoStruct(
        ALERT_TYPE,
        new Map<string, GoValue>([
          ['Status', a.status ?? 'firing'],
          ['Labels', kvOf(a.labels)],
          ['Annotations', kvOf(a.annotations)],
          ['StartsAt', parseTime(a.startsAt)],
          ['EndsAt', parseTime(a.endsAt)],
          ['GeneratorURL', a.generatorURL ?? ''],
          ['Fingerprint', a.fingerprint ?? ''],
        ]),
      ),
  );
  const fields = new Map<string, GoValue>([
    ['Receiver', input.receiver ?? ''],
    ['Status', input.status ?? (alerts.some((a) => a.fields.get('Status') === 'firing') ? 'firing' : 'resolved')],
    ['Alerts', new GoSlice(alertsType, alerts, 'template.Alert')],
    ['GroupLabels', kvOf(input.groupLabels)],
    ['CommonLabels', kvOf(input.commonLabels)],
    ['CommonAnnotations', kvOf(input.commonAnnotations)],
    ['ExternalURL', input.externalURL ?? ''],
  ]);
  return new GoPtr(DATA_PTR, new GoStruct(DATA_TYPE, fields));
}

/** Alerts.Firing / Resolved return a plain []template.Alert. */
function filterAlerts(alerts: GoSlice, status: string): GoSlice {
  const type: GoType = { name: '[]template.Alert', kind: 'slice' };
  return new GoSlice(type, alerts.items.filter((a) => (a as GoStruct).fields.get('Status') === status), 'template.Alert');
}

export function isTime(v: GoValue): v is GoTime {
  return v instanceof GoObject && v.type === TIME_TYPE;
}

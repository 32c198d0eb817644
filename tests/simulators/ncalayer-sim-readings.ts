/**
 * Which readings of a big string to compute while it streams (ncalayer-sim-scan.ts asks when
 * the string starts), from the request read so far. Nothing is left out that planBasicsSign or
 * planCommonUtils could still ask for: a flag not seen yet counts as both of its values.
 * What the prefix has settled is taken as final; a key repeated after the data (JSON's last
 * one wins) can then ask for a reading that was not computed, which is answered with an error.
 */
import type { JsonLike } from './ncalayer-sim-parse';
import type { JsonPath, ReadingsFor } from './ncalayer-sim-scan';
import { NO_READINGS, type StreamReadings } from './ncalayer-sim-streamed';
import { BASICS_MODULE, COMMON_UTILS_MODULE, flag, InvalidRequest, isObj, type Obj } from './ncalayer-sim-ops';

/** The values a flag may still take: the one given, or both while it is not in the request yet. */
function flagValues(container: Obj | undefined, key: string, dflt: boolean): boolean[] {
  if (!container) return [true, false];
  return [flag(container[key], key, dflt)];
}

const isItemPath = (path: JsonPath, at: string | number) =>
  path[0] === 'args' && path[1] === at && (path.length === 2 || (path.length === 3 && typeof path[2] === 'number'));

function merge(a: StreamReadings, b: StreamReadings): StreamReadings {
  return {
    base64: a.base64 || b.base64,
    text: a.text || b.text,
    keep: a.keep || b.keep,
    streebog: a.streebog || b.streebog,
    keepLimit: Math.max(a.keepLimit, b.keepLimit),
  };
}

function basicsReadings(args: JsonLike | undefined, o: { gost: boolean; keepLimit: number }): StreamReadings {
  const sp = isObj(args) && 'signingParams' in args ? (isObj(args['signingParams']) ? args['signingParams'] : {}) : undefined;
  const decode = flagValues(sp, 'decode', true);
  const encapsulate = flagValues(sp, 'encapsulate', true);
  const digested = flagValues(sp, 'digested', false);
  return {
    base64: decode.includes(true),
    text: decode.includes(false),
    keep: encapsulate.includes(true) || digested.includes(true),
    streebog: o.gost && digested.includes(false),
    keepLimit: o.keepLimit,
  };
}

function commonReadings(method: unknown, o: { gost: boolean; keepLimit: number }): StreamReadings {
  const hashed = method === 'createCAdESFromBase64Hash';
  if (!hashed && method !== 'createCAdESFromBase64' && method !== undefined) return NO_READINGS;
  // attach (args[3]) comes after the data: the bytes are kept whatever it says
  return { base64: true, text: false, keep: true, streebog: o.gost && !hashed, keepLimit: o.keepLimit };
}

/** `gost` and `keepLimit` come from the mode when the request starts. */
export function readingsFor(o: { gost: boolean; keepLimit: number }): ReadingsFor {
  const every: StreamReadings = { base64: true, text: true, keep: true, streebog: o.gost, keepLimit: o.keepLimit };
  return (partial, path) => {
    if (!isObj(partial) || !path) return every;
    const module = typeof partial['module'] === 'string' ? partial['module'] : undefined;
    const method = typeof partial['method'] === 'string' ? partial['method'] : undefined;
    try {
      let out = NO_READINGS;
      if ((module === undefined || module === BASICS_MODULE) && isItemPath(path, 'data') && (method === undefined || method === 'sign')) {
        out = merge(out, basicsReadings(partial['args'], o));
      }
      if ((module === undefined || module === COMMON_UTILS_MODULE) && isItemPath(path, 2)) out = merge(out, commonReadings(method, o));
      return out;
    } catch (e) {
      // an invalid flag: the request is refused before any data is decoded
      if (e instanceof InvalidRequest) return NO_READINGS;
      throw e;
    }
  };
}

// vt-pbf ships no types: the one function the tile cutter uses.
declare module 'vt-pbf' {
  interface TileLike {
    features: readonly {
      type: number;
      geometry: unknown;
      tags?: Record<string, unknown> | null;
      id?: number | string;
    }[];
  }
  export function fromGeojsonVt(
    layers: Record<string, TileLike>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}

// pbf 3 (vt-pbf's protobuf library) ships no types; tests read tiles back with it.
declare module 'pbf' {
  export default class Pbf {
    constructor(buf?: Uint8Array | ArrayBuffer);
  }
}

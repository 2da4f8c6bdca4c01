// Checks for the few JSON shapes the agent reads (its config, the server's answers), with the
// wording of zod's first issue. A schema library would cost every running agent its code in memory.

export type Path = (string | number)[];
export type Shape<T> = (value: unknown, path: Path) => T;
export type Infer<S> = S extends Shape<infer T> ? T : never;

export class ShapeError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }

  /** `a.b: message`, `(root): message` at the top. */
  get where(): string {
    return `${this.path.join(".") || "(root)"}: ${this.message}`;
  }
}

export type Checked<T> = { ok: true; data: T } | { ok: false; error: ShapeError };

export function check<T>(shape: Shape<T>, value: unknown): Checked<T> {
  try {
    return { ok: true, data: shape(value, []) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, error };
    throw error;
  }
}

function received(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

const expected = (what: string, value: unknown, path: Path) => new ShapeError(path, `Invalid input: expected ${what}, received ${received(value)}`);

export const string =
  (minLength = 0): Shape<string> =>
  (value, path) => {
    if (typeof value !== "string") throw expected("string", value, path);
    if (value.length < minLength) throw new ShapeError(path, `Too small: expected string to have >=${minLength} characters`);
    return value;
  };

export const boolean: Shape<boolean> = (value, path) => {
  if (typeof value !== "boolean") throw expected("boolean", value, path);
  return value;
};

/** A number; `int` a safe integer, `min` inclusive, `above` exclusive. */
export const number =
  (bounds: { int?: boolean; min?: number; above?: number } = {}): Shape<number> =>
  (value, path) => {
    if (typeof value !== "number" || !Number.isFinite(value)) throw expected("number", value, path);
    if (bounds.int && !Number.isInteger(value)) throw expected("int", value, path);
    if (bounds.int && !Number.isSafeInteger(value)) {
      throw new ShapeError(path, value > 0 ? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}` : `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
    }
    if (bounds.min !== undefined && value < bounds.min) throw new ShapeError(path, `Too small: expected number to be >=${bounds.min}`);
    if (bounds.above !== undefined && value <= bounds.above) throw new ShapeError(path, `Too small: expected number to be >${bounds.above}`);
    return value;
  };

export const literal =
  <T extends string>(wanted: T): Shape<T> =>
  (value, path) => {
    if (value !== wanted) throw new ShapeError(path, `Invalid input: expected ${JSON.stringify(wanted)}`);
    return wanted;
  };

export const oneOf =
  <T extends string>(...options: T[]): Shape<T> =>
  (value, path) => {
    const found = options.find((o) => o === value);
    if (found === undefined) throw new ShapeError(path, `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join("|")}`);
    return found;
  };

export const nullable =
  <T>(shape: Shape<T>): Shape<T | null> =>
  (value, path) =>
    value === null ? null : shape(value, path);

export const optional =
  <T>(shape: Shape<T>): Shape<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : shape(value, path);

export const withDefault =
  <T>(shape: Shape<T>, fallback: () => NoInfer<T>): Shape<T> =>
  (value, path) =>
    value === undefined ? fallback() : shape(value, path);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object of any keys, kept as it is. */
export const record: Shape<Record<string, unknown>> = (value, path) => {
  if (!isPlainObject(value)) throw expected("record", value, path);
  return value;
};

export const array =
  <T>(item: Shape<T>): Shape<T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) throw expected("array", value, path);
    return value.map((v: unknown, i) => item(v, [...path, i]));
  };

type Fields = Record<string, Shape<unknown>>;
type Flatten<T> = { [K in keyof T]: T[K] };
type OptionalKeys<F extends Fields> = { [K in keyof F]: undefined extends Infer<F[K]> ? K : never }[keyof F];
export type ObjectOf<F extends Fields> = Flatten<{ [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }>;

/** An object with these fields, checked in order; other keys are dropped. */
export const object =
  <F extends Fields>(fields: F): Shape<ObjectOf<F>> =>
  (value, path) => {
    if (!isPlainObject(value)) throw expected("object", value, path);
    const out: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries(fields)) {
      const checked = shape(value[key], [...path, key]);
      if (checked !== undefined || key in value) out[key] = checked;
    }
    return out as ObjectOf<F>;
  };

import { describeValue, ValidationError } from "../../lib/core/errors";

describe("ValidationError", () => {
  test("renders path, problem, given value and what is allowed", () => {
    const error = new ValidationError("redis.zones", "Basic caches cannot use zones", ["1", "2"], 'use sku "Premium" or drop zones');
    expect(error.message).toBe('redis.zones: Basic caches cannot use zones (got ["1","2"]); use sku "Premium" or drop zones');
  });

  test("leaves out the allowed part when none is given", () => {
    expect(new ValidationError("aks.name", "is taken", "aks1").message).toBe('aks.name: is taken (got "aks1")');
    expect(new ValidationError("aks.name", "is taken", "aks1", "").message).toBe('aks.name: is taken (got "aks1")');
  });

  test("keeps the problem and what is allowed apart from the message", () => {
    const error = new ValidationError("redis.sku", "is not an allowed value", "Gold", 'use one of "Basic", "Premium"');
    expect(error.problem).toBe("is not an allowed value");
    expect(error.allowed).toBe('use one of "Basic", "Premium"');
    expect(new ValidationError("redis.sku", "is missing", undefined).allowed).toBeUndefined();
    expect(new ValidationError("redis.sku", "is missing", undefined).message).toBe("redis.sku: is missing (got undefined)");
  });

  test("is an Error named ValidationError that carries the path and the value", () => {
    const value = { count: 3 };
    const error = new ValidationError("pools[1].count", "is too big", value, "use at most 2");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.name).toBe("ValidationError");
    expect(error.path).toBe("pools[1].count");
    expect(error.value).toBe(value);
    expect(String(error)).toBe('ValidationError: pools[1].count: is too big (got {"count":3}); use at most 2');
  });

  test("can be caught by class when thrown", () => {
    const thrower = () => {
      throw new ValidationError("x", "is wrong", 1);
    };
    expect(thrower).toThrow(ValidationError);
    expect(thrower).toThrow("x: is wrong (got 1)");
  });
});

describe("ValidationError.within", () => {
  test("returns what the function returns", () => {
    expect(ValidationError.within("environments.prod", () => 42)).toBe(42);
  });

  test("fails with the prefix in front of the path, keeping problem, value and allowed", () => {
    let caught: unknown;
    try {
      ValidationError.within("environments.prod.westeurope", () => {
        throw new ValidationError("aks.zones[0]", "is not an availability zone of westus", "1", "leave zones empty");
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.message).toBe('environments.prod.westeurope.aks.zones[0]: is not an availability zone of westus (got "1"); leave zones empty');
    expect(error.path).toBe("environments.prod.westeurope.aks.zones[0]");
    expect(error.problem).toBe("is not an availability zone of westus");
    expect(error.value).toBe("1");
    expect(error.allowed).toBe("leave zones empty");
  });

  test("fails without prefixing twice when the path already starts with the prefix", () => {
    expect(() =>
      ValidationError.within("environments.prod", () => {
        throw new ValidationError("environments.prod.region", "is not a supported Azure region", "mars");
      }),
    ).toThrow(new ValidationError("environments.prod.region", "is not a supported Azure region", "mars"));
  });

  test("fails with other errors passed through untouched", () => {
    const other = new TypeError("boom");
    expect(() =>
      ValidationError.within("environments.prod", () => {
        throw other;
      }),
    ).toThrow(other);
  });

  test("nests, outermost prefix first", () => {
    expect(() =>
      ValidationError.within("environments", () =>
        ValidationError.within("prod", () => {
          throw new ValidationError("aks.sku", "is not an allowed value", "Free");
        }),
      ),
    ).toThrow(/^environments\.prod\.aks\.sku: is not an allowed value \(got "Free"\)$/);
  });
});

describe("describeValue", () => {
  test.each<[string, unknown, string]>([
    ["a string, quoted", "westeurope", '"westeurope"'],
    ["an empty string", "", '""'],
    ["a number", 42, "42"],
    ["a negative fraction", -1.5, "-1.5"],
    ["a boolean", false, "false"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["an array", ["1", 2], '["1",2]'],
    ["an object", { a: 1, b: "x" }, '{"a":1,"b":"x"}'],
    ["NaN, not as null", Number.NaN, "NaN"],
    ["Infinity, not as null", Number.POSITIVE_INFINITY, "Infinity"],
    ["-Infinity, not as null", Number.NEGATIVE_INFINITY, "-Infinity"],
    ["a bigint, which JSON cannot render", 10n, "10"],
  ])("renders %s", (_label, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  test("renders a function as a short tag, not its source", () => {
    expect(describeValue(() => "secret")).toBe("a function");
  });

  test("falls back to String() for a circular object", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe("[object Object]");
  });

  test("falls back to String() for a symbol", () => {
    expect(describeValue(Symbol("s"))).toBe("Symbol(s)");
  });

  test("keeps a 200-character rendering whole", () => {
    const value = "a".repeat(198); // 200 characters with the quotes
    expect(describeValue(value)).toBe(`"${value}"`);
  });

  test("cuts a longer rendering to 200 characters ending in ...", () => {
    const text = describeValue("b".repeat(300));
    expect(text).toHaveLength(200);
    expect(text).toBe(`"${"b".repeat(196)}...`);
  });
});

import { Lazy, Token } from "cdktf";
import { isUnresolved, validateEnum, validateMinMax, validatePattern, validateRange, validateUnique } from "../../lib/core/validate";
import { expectValidationError } from "../support/expect-validation-error";

const tokenString = () => Lazy.stringValue({ produce: () => "late" });
const tokenNumber = () => Lazy.numberValue({ produce: () => 5 });
const tokenList = () => Lazy.listValue({ produce: () => ["a"] });

describe("isUnresolved", () => {
  test("is true for string, number and list tokens", () => {
    expect(isUnresolved(tokenString())).toBe(true);
    expect(isUnresolved(`prefix-${tokenString()}`)).toBe(true);
    expect(isUnresolved(tokenNumber())).toBe(true);
    expect(isUnresolved(tokenList())).toBe(true);
  });

  test("is false for plain values, null and undefined", () => {
    expect(isUnresolved("westeurope")).toBe(false);
    expect(isUnresolved(3)).toBe(false);
    expect(isUnresolved(["1", "2"])).toBe(false);
    expect(isUnresolved(undefined)).toBe(false);
    expect(isUnresolved(null)).toBe(false);
  });

  test("is false for objects and booleans, which it does not inspect", () => {
    expect(isUnresolved({ a: tokenString() })).toBe(false);
    expect(isUnresolved(true)).toBe(false);
  });
});

describe("validateRange", () => {
  test("returns a value inside the range, bounds included", () => {
    expect(validateRange("aks.count", 1, 1, 10)).toBe(1);
    expect(validateRange("aks.count", 5, 1, 10)).toBe(5);
    expect(validateRange("aks.count", 10, 1, 10)).toBe(10);
  });

  test("passes undefined through", () => {
    expect(validateRange("aks.count", undefined, 1, 10)).toBeUndefined();
  });

  test("skips an unresolved number token, even though its placeholder is out of range", () => {
    const token = tokenNumber();
    expect(Token.isUnresolved(token)).toBe(true);
    expect(validateRange("aks.count", token, 1, 10)).toBe(token);
  });

  test("accepts a fraction when integer is false", () => {
    expect(validateRange("ratio", 0.25, 0, 1, { integer: false })).toBe(0.25);
  });

  test("fails when the value is below the minimum", () => {
    const error = expectValidationError(() => validateRange("aks.nodeCount", 0, 1, 100), "aks.nodeCount: is out of range (got 0); use 1 to 100");
    expect(error.path).toBe("aks.nodeCount");
    expect(error.value).toBe(0);
  });

  test("fails when the value is above the maximum", () => {
    expectValidationError(() => validateRange("aks.nodeCount", 101, 1, 100), "aks.nodeCount: is out of range (got 101); use 1 to 100");
  });

  test("fails when a fraction is given where a whole number is required", () => {
    expectValidationError(() => validateRange("aks.nodeCount", 2.5, 1, 100), "aks.nodeCount: must be a whole number (got 2.5); use 1 to 100");
  });

  test("fails when the value is NaN, naming NaN", () => {
    expectValidationError(() => validateRange("ratio", Number.NaN, 0, 1, { integer: false }), "ratio: must be a number (got NaN); use 0 to 1");
  });

  test("fails when the value is not a number at all", () => {
    expectValidationError(() => validateRange("ratio", "3" as unknown as number, 0, 5), 'ratio: must be a whole number (got "3"); use 0 to 5');
  });

  test("fails when a fraction is out of range with integer false", () => {
    expectValidationError(() => validateRange("ratio", 1.5, 0, 1, { integer: false }), "ratio: is out of range (got 1.5); use 0 to 1");
  });

  test("fails when the value is Infinity", () => {
    expectValidationError(
      () => validateRange("ratio", Number.POSITIVE_INFINITY, 0, 1, { integer: false }),
      "ratio: is out of range (got Infinity); use 0 to 1",
    );
  });
});

describe("validateEnum", () => {
  const skus = ["Basic", "Standard", "Premium"] as const;
  type Sku = (typeof skus)[number];

  test("returns an allowed value", () => {
    expect(validateEnum("redis.sku", "Premium", skus)).toBe("Premium");
  });

  test("passes undefined and tokens through", () => {
    expect(validateEnum("redis.sku", undefined, skus)).toBeUndefined();
    const token = tokenString() as Sku;
    expect(validateEnum("redis.sku", token, skus)).toBe(token);
  });

  test("fails when the value is not allowed, listing the allowed values", () => {
    const error = expectValidationError(
      () => validateEnum("redis.sku", "premium" as Sku, skus),
      'redis.sku: is not an allowed value (got "premium"); use one of "Basic", "Standard", "Premium"',
    );
    expect(error.path).toBe("redis.sku");
    expect(error.value).toBe("premium");
  });
});

describe("validatePattern", () => {
  const lower = /^[a-z]+$/;

  test("returns a matching value", () => {
    expect(validatePattern("name", "shop", lower, "use lowercase letters")).toBe("shop");
  });

  test("passes undefined and tokens through", () => {
    expect(validatePattern("name", undefined, lower, "use lowercase letters")).toBeUndefined();
    const token = tokenString();
    expect(validatePattern("name", token, lower, "use lowercase letters")).toBe(token);
  });

  test("fails when the value does not match, stating the rule in words", () => {
    expectValidationError(
      () => validatePattern("naming.workload", "Shop", lower, "use lowercase letters"),
      'naming.workload: has an invalid format (got "Shop"); use lowercase letters',
    );
  });

  test("fails when the value is not a string", () => {
    expectValidationError(() => validatePattern("name", 12 as unknown as string, /^\d+$/, "use digits"), "name: has an invalid format (got 12); use digits");
  });
});

describe("validateUnique", () => {
  test("accepts distinct entries", () => {
    expect(() => validateUnique("zones", ["1", "2", "3"])).not.toThrow();
    expect(() => validateUnique("zones", [])).not.toThrow();
  });

  test("fails when an entry repeats, naming the index of the repeat and of the first", () => {
    const error = expectValidationError(
      () => validateUnique("aks.zones", ["1", "2", "1"]),
      'aks.zones[2]: repeats the entry at index 0 (got "1"); each entry must be unique',
    );
    expect(error.path).toBe("aks.zones[2]");
  });

  test("fails when two items share a key", () => {
    const pools = [{ name: "system" }, { name: "user" }, { name: "gpu" }, { name: "user" }];
    expectValidationError(
      () => validateUnique("aks.nodePools", pools, (p) => p.name),
      'aks.nodePools[3]: repeats the entry at index 1 (got "user"); each entry must be unique',
    );
  });

  test("fails when a number repeats, compared by its string form", () => {
    expectValidationError(() => validateUnique("ports", [80, 443, 80]), 'ports[2]: repeats the entry at index 0 (got "80"); each entry must be unique');
  });
});

describe("validateMinMax", () => {
  test("accepts min below or equal to max", () => {
    expect(() => validateMinMax("aks.nodePools.user", 1, 5)).not.toThrow();
    expect(() => validateMinMax("aks.nodePools.user", 3, 3)).not.toThrow();
  });

  test("skips when either bound is missing or a token", () => {
    expect(() => validateMinMax("p", undefined, 1)).not.toThrow();
    expect(() => validateMinMax("p", 5, undefined)).not.toThrow();
    expect(() => validateMinMax("p", tokenNumber(), 1)).not.toThrow();
    expect(() => validateMinMax("p", 5, tokenNumber())).not.toThrow();
  });

  test("fails when min exceeds max", () => {
    const error = expectValidationError(
      () => validateMinMax("aks.nodePools.user", 6, 5),
      "aks.nodePools.user.min: must not exceed max (5) (got 6); set min <= max",
    );
    expect(error.path).toBe("aks.nodePools.user.min");
  });

  test("fails when min exceeds max, using the given bound names", () => {
    expectValidationError(
      () => validateMinMax("aks.nodePools.user", 6, 5, "minCount", "maxCount"),
      "aks.nodePools.user.minCount: must not exceed maxCount (5) (got 6); set minCount <= maxCount",
    );
  });
});

import { expect, test } from "vitest";
import { positionalQuery } from "../../src/metrics/positional-query.ts";

test("named parameters become positional ones in order of appearance, literals untouched", () => {
  const query = { sql: `select $a, '$notParam', "col$x", $b, $a from t where e = 'it''s $a'`, params: { a: 1, b: "x" } };
  // $a, $b, $a in the SQL text → three values; the quoted $notParam, "col$x" and 'it''s $a' stay.
  expect(positionalQuery(query)).toEqual({ sql: `select ?, '$notParam', "col$x", ?, ? from t where e = 'it''s $a'`, values: [1, "x", 1] });
});

test("a parameter without a value is an error, not a silent NULL", () => {
  expect(() => positionalQuery({ sql: "select $missing", params: {} })).toThrow("$missing");
});

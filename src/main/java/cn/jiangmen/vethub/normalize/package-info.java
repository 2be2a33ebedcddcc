/**
 * Pure normalization of the values that arrive in county spreadsheets, provincial records
 * and partner files: ID numbers (GB 11643-1999), names, dates, phones, amounts, towns and
 * coded values. No Spring, no Camel: every pipeline calls these classes directly and they
 * are unit-tested field by field. A refusal is a
 * {@link cn.jiangmen.vethub.normalize.Normalized} carrying a
 * {@link cn.jiangmen.vethub.ops.RejectReason} and a detail text that never quotes
 * personal data unmasked.
 */
package cn.jiangmen.vethub.normalize;

/**
 * Operations: the run ledger, the reject vocabulary, the ops JSON API and the status of
 * sources.
 */
package cn.jiangmen.vethub.ops;

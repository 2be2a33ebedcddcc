/**
 * Reading files as they really arrive, shared by every file pipeline (county
 * spreadsheets, partner feeds): format sniffing by content, streaming table readers for
 * CSV and XLSX, header location by synonyms, and the feedback file sent back to the
 * sender. Pure Java: no Spring, no Camel, no database.
 */
package cn.jiangmen.vethub.ingest;

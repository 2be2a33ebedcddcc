/**
 * Cross-cutting set-up: settings, the embedded database, folders and security.
 */
package cn.jiangmen.vethub.system;

/**
 * The source registry: one YAML file per source in {@code config/sources/}, validated at
 * start.
 */
package cn.jiangmen.vethub.source;

/**
 * The warehouse write side shared by every pipeline: bulk COPY, the person merge rules,
 * and the loading of facts that waited for their person.
 */
package cn.jiangmen.vethub.warehouse;

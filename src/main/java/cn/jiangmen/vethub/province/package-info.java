/**
 * The provincial veterans system (省退役军人信息管理系统): an HTTP client that survives the API's
 * real failure modes, a drift-proof pager, and the incremental sync of veterans and home
 * visits into the warehouse, with its high-water marks in {@code ops.sync_mark}.
 */
package cn.jiangmen.vethub.province;

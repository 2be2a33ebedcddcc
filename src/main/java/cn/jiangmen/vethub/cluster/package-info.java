/**
 * Two or more hubs on one warehouse: which hub runs the scheduled pulls (a leader elected
 * by a Camel cluster service, {@link cn.jiangmen.vethub.cluster.LeaderConfiguration}),
 * which hub takes a dropped file (a claim in PostgreSQL,
 * {@link cn.jiangmen.vethub.cluster.InboxClaimsConfiguration}), and which hubs are alive
 * ({@link cn.jiangmen.vethub.cluster.HubInstance}), so that one hub's start-up does not
 * close the runs of a live peer.
 */
package cn.jiangmen.vethub.cluster;

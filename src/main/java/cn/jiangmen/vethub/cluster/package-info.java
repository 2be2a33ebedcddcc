/**
 * Two or more hubs on one warehouse: which hub runs the scheduled pulls (a leader elected
 * by a Camel cluster service, {@link cn.jiangmen.vethub.cluster.LeaderConfiguration}),
 * which hub takes a dropped file (a claim in PostgreSQL,
 * {@link cn.jiangmen.vethub.cluster.InboxClaimsConfiguration}), and which hubs are alive
 * ({@link cn.jiangmen.vethub.cluster.HubInstance}), so that only the runs of dead hubs
 * are closed, and what the console and {@code /api/instances} show of the hubs and their
 * leader ({@link cn.jiangmen.vethub.cluster.HubLeadership}).
 */
package cn.jiangmen.vethub.cluster;

/** Checks CLUSTER and CLUSTERX run after parsing, in this order (K-2024 cmd_cluster.cc Execute). */
import { err, type Reply } from '../../protocol/reply.ts';
import { ERR_ADMIN, type CommandContext } from './command.ts';

export function clusterGate(ctx: CommandContext): Reply | null {
  if (!ctx.node.config.clusterEnabled) return err('Cluster mode is not enabled');
  // Without requirepass every connection is admin (redis_connection.cc BecomeAdmin).
  if (ctx.node.config.requirepass !== null && !ctx.client.authenticated) return err(ERR_ADMIN);
  return null;
}

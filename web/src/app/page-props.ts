/** What a page receives: the path parameters of its route (e.g. `agentId`). */
export interface PageProps {
  params: Record<string, string>;
}

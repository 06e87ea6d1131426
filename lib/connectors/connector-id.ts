import { z } from "zod";

/** A connector id as actions receive it. Its own module: client forms use it without loading the connector schema (and the catalog it reaches). */
export const connectorIdSchema = z.object({ id: z.string().min(1).max(64) });

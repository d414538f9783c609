// The identity keys' shapes (config/identity.ts has their rules): apart, so that schema.ts can use them
// without importing the rules, which import schema.ts's types.
import { z } from "zod";

/** The largest UID or GID berth writes: Kubernetes takes int64, Linux 2^32-2; 2^31-1 fits both and ECS. */
export const MAX_ID = 2147483647;

/** `1000` or `"1000:1000"`: a numeric UID, and optionally a GID. Names would need the image's /etc/passwd, which Kubernetes cannot read. */
export const userSchema = z.union([z.number().int().min(0).max(MAX_ID), z.string().regex(/^\d{1,10}(:\d{1,10})?$/, { message: 'a numeric UID such as 1000, or "UID:GID" such as "1000:1000"' })], {
    error: 'a numeric UID such as 1000, or "UID:GID" such as "1000:1000"',
});

/** An absolute directory the container may write to when its root file system is read-only. */
export const writablePathSchema = z
    .string()
    .regex(/^\/[A-Za-z0-9_.\-/]+$/, { message: "an absolute path such as /tmp" })
    .refine((p) => p !== "/" && !p.split("/").includes(".."), { message: "an absolute directory other than / without '..'" });

/** At most this many writable paths: each is a tmpfs on ECS, sized from the task's memory (tmpfsSizeMiB), and more would crowd it out. */
export const MAX_WRITABLE_PATHS = 5;

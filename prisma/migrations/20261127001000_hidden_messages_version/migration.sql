-- "Delete for me" must reach the user's other devices through sync: a hidden message carries the
-- id of the transaction that hid it, like every synced row's version (hideMessage writes it; rows
-- are only ever inserted, so no trigger is needed).
ALTER TABLE "hidden_messages" ADD COLUMN "version" BIGINT NOT NULL DEFAULT 0;

CREATE INDEX "hidden_messages_user_id_version_idx" ON "hidden_messages"("user_id", "version");

-- Message retention: the job deletes messages created before a cutoff, oldest first, in
-- batches; this index keeps each batch from scanning the whole table.
CREATE INDEX "messages_created_at_idx" ON "messages"("created_at");

-- Reactions changed on a message: sync lists older messages whose reactions changed since the
-- cursor (as it does for edits and recalls); reacting also moves the message's version.
ALTER TABLE "messages" ADD COLUMN "reactions_at" TIMESTAMPTZ(3);

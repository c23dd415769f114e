// Package handlers turns the owner's Saved Messages into commands and runs
// them. Each command goes through the same steps, each in a file of its own:
//
//  1. A message arrives: router.go's OnNewMessage, or catchup.go reading
//     Saved Messages back after Telegram skipped updates. Only the owner's
//     own text there, starting with the prefix and a word, is a command
//     (isCommand).
//  2. It is parsed once, against the registry (registry.go: one handler
//     per command, registered by the command's own file, e.g. setphoto.go),
//     into a job (job.go). A mistake in it makes the job's reply a ❌.
//  3. It is journalled (the journal's Begin: never lost, never run twice,
//     resumed after a restart) and queued (queue.go): oldest first, in
//     order per contact (keys.go).
//  4. The worker (worker.go) runs jobs, several at once, and between them
//     its upkeep (upkeep.go: catch-up, daily check, timers). process.go runs
//     one: its handler gets a call and returns an outcome (outcome.go), a
//     line per target, each journalled as it is done (eachtarget.go). A long
//     flood wait parks the job (running.go); a failure without a reply is
//     retried, then given up (retry.go).
//  5. It is answered: the status message (statusmessage.go) shows progress
//     in the command's reply while it runs, then the outcome as its final
//     text; the sender (sender.go) sends, edits, deletes and finds
//     Persona's own messages. The journal closes the command (Finish) and
//     the log notes it (commandlog.go).
//
// A command for `all` contacts is a bulk job (bulk.go): one journal entry,
// its contact list and each contact's state kept in storage's bulk jobs.
// It runs a slice of contacts at a time; when commands written since wait,
// it gives way (errYield) and is queued behind them, so it never starves
// them, and a restart goes on from its list.
package handlers

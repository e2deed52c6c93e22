"""Mail to readers and writers: reply notices, subscriptions, moderation digests."""

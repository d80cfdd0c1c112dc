"""Modal dialogs: event forms, retraction, date and replay pickers."""

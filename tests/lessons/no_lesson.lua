step { caption = "a step but no lesson{}" }

"""Goal types: the category tree model, its panel, and the category commands."""

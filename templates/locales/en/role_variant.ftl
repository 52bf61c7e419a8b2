# Which variant of the account manager's role a position hires for (domain::role_variant).
role-variant = Role variant
role-variant-hint = Shapes the default interview kit, the grade suggestion and the vacancy text.
role-variant-account = Account manager
role-variant-account-project = Account and project manager
role-variant-sales-account = Sales and account manager
field-role-variant-invalid = Choose a role variant: account manager, account and project manager, or sales and account manager.

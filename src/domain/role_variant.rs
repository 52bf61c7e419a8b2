//! Which variant of the account manager's role a position hires for. In a large agency the
//! account manager only keeps the client; in a smaller one the same person also runs the
//! projects (priorities, specialists' tasks, deadlines, budgets, invoices and acts); in a
//! sales-led one they also bring in and grow revenue. The variant weights the competencies:
//! the default interview kit gives the heavy ones more questions and asks them first, the
//! grade suggestion holds them to a stricter standard, and the vacancy says what the variant
//! adds to the duties and requirements. Other features (the phone-screen script) call
//! [`RoleVariant::from_code`], [`RoleVariant::code`] and [`RoleVariant::weight`].

/// The variant of the role a position hires for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleVariant {
    /// The account manager alone: keeps and grows the relationship after the sale.
    #[default]
    Account,
    /// Account plus project manager: also runs the client's projects and their money.
    AccountProject,
    /// Sales plus account manager: also sells, up-sells and cross-sells.
    SalesAccount,
}

/// The weight of a competency the variant does not stress.
pub const BASE_WEIGHT: f64 = 1.0;

/// From this weight up a competency counts as stressed by the variant: more kit questions.
pub const STRESSED: f64 = 1.5;

impl RoleVariant {
    pub const ALL: [RoleVariant; 3] = [
        RoleVariant::Account,
        RoleVariant::AccountProject,
        RoleVariant::SalesAccount,
    ];

    /// The stored and API code: `account`, `account_project` or `sales_account`.
    pub fn code(self) -> &'static str {
        match self {
            RoleVariant::Account => "account",
            RoleVariant::AccountProject => "account_project",
            RoleVariant::SalesAccount => "sales_account",
        }
    }

    /// A code as a form or the API sends it (surrounding spaces and case ignored); anything
    /// else is `None`, which the caller refuses as a field error.
    pub fn from_code(code: &str) -> Option<RoleVariant> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|v| v.code().eq_ignore_ascii_case(code))
    }

    /// A stored code, or the plain account manager for a value the app never wrote.
    pub fn of_stored(code: &str) -> RoleVariant {
        Self::from_code(code).unwrap_or_default()
    }

    /// The locale key of the variant's name (`role-variant-account`, …).
    pub fn locale_key(self) -> String {
        format!("role-variant-{}", self.code().replace('_', "-"))
    }

    /// How much a competency counts for this variant: 1.0 as usual, more where the variant
    /// leans on it. Unknown competencies weigh 1.0.
    pub fn weight(self, competency: &str) -> f64 {
        match (self, competency) {
            (RoleVariant::AccountProject, "project_management") => 2.0,
            (RoleVariant::AccountProject, "finance_paperwork") => 1.5,
            (RoleVariant::SalesAccount, "consultative_sales") => 2.0,
            (RoleVariant::SalesAccount, "communication") => 1.5,
            _ => BASE_WEIGHT,
        }
    }

    /// `competencies` (already in their usual order) with the heavier ones first; equal
    /// weights keep the usual order.
    pub fn order<T: AsRef<str>>(self, competencies: &mut [T]) {
        competencies.sort_by(|a, b| self.weight(b.as_ref()).total_cmp(&self.weight(a.as_ref())));
    }

    /// Extra kit questions a competency gets on top of the usual count.
    pub fn extra_questions(self, competency: &str) -> usize {
        usize::from(self.weight(competency) >= STRESSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_is_read_from_its_code_and_nothing_else() {
        for variant in RoleVariant::ALL {
            assert_eq!(RoleVariant::from_code(variant.code()), Some(variant));
        }
        assert_eq!(
            RoleVariant::from_code(" Sales_Account "),
            Some(RoleVariant::SalesAccount)
        );
        assert_eq!(RoleVariant::from_code("hunter"), None);
        assert_eq!(RoleVariant::from_code(""), None);
        assert_eq!(RoleVariant::of_stored("garbage"), RoleVariant::Account);
    }

    #[test]
    fn the_plain_account_manager_weighs_every_competency_alike() {
        for code in ["project_management", "consultative_sales", "communication"] {
            assert_eq!(RoleVariant::Account.weight(code), BASE_WEIGHT);
        }
    }

    #[test]
    fn project_management_and_finance_come_first_for_an_account_and_project_manager() {
        let mut codes = vec![
            "product",
            "consultative_sales",
            "project_management",
            "finance_paperwork",
            "communication",
        ];
        RoleVariant::AccountProject.order(&mut codes);
        assert_eq!(
            codes,
            [
                "project_management",
                "finance_paperwork",
                "product",
                "consultative_sales",
                "communication"
            ]
        );
        assert_eq!(
            RoleVariant::AccountProject.extra_questions("finance_paperwork"),
            1
        );
        assert_eq!(RoleVariant::AccountProject.extra_questions("product"), 0);
    }

    #[test]
    fn sales_and_communication_weigh_more_for_a_sales_and_account_manager() {
        let mut codes = vec!["product", "communication", "consultative_sales"];
        RoleVariant::SalesAccount.order(&mut codes);
        assert_eq!(codes, ["consultative_sales", "communication", "product"]);
    }

    #[test]
    fn locale_keys_use_dashes() {
        assert_eq!(
            RoleVariant::AccountProject.locale_key(),
            "role-variant-account-project"
        );
    }
}

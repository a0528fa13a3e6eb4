//! Validation of what the desk types, with a Dutch message for the line under the field. The
//! validators normalise as they check (`1234ab` → `1234 AB`), so a record holds one spelling
//! and a household is found again by its postcode or phone number. Nothing here throws input
//! away: the form keeps what was typed and shows the message next to it.

use super::intake::{Consent, Gevaar, Intake, Route, RouteSuggestion, Urgentie};
use super::routing::is_incomplete;

/// Checks a Dutch postcode: four digits (the first not 0) and two letters, any spacing or case.
/// The letter pairs SA, SD and SS are never issued.
pub fn postcode(text: &str) -> Result<String, String> {
    const MESSAGE: &str = "Postcode: vier cijfers en twee letters, zoals 7304 AB";
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (digits, letters) = compact.split_at_checked(4).ok_or(MESSAGE)?;
    let well_formed = digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
        && letters.len() == 2
        && letters.chars().all(|c| c.is_ascii_uppercase());
    if !well_formed {
        return Err(MESSAGE.to_string());
    }
    if matches!(letters, "SA" | "SD" | "SS") {
        return Err(format!("Postcode: {digits} {letters} bestaat niet"));
    }
    Ok(format!("{digits} {letters}"))
}

/// Checks a Dutch phone number and returns it as the digits dialled inside the Netherlands
/// (`+31 (0)6-1234 5678` → `0612345678`): mobile (06 + 8 digits), landline or 088 (0 + 9
/// digits), the municipal 14 + area code (`14 020`, `14 0511`) and 0800/0900 service numbers.
/// Spaces, dashes, dots, slashes and brackets group the digits and are dropped.
pub fn phone(text: &str) -> Result<String, String> {
    const EXAMPLES: &str = "zoals 06 1234 5678, 010 123 4567 of 14 020";
    let mut compact = String::new();
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '0'..='9' => compact.push(c),
            '+' if i == 0 => compact.push(c),
            ' ' | '-' | '.' | '/' | '(' | ')' => {}
            _ => {
                return Err(format!(
                    "Telefoonnummer: alleen cijfers, spaties en streepjes, {EXAMPLES}"
                ));
            }
        }
    }
    let international = compact
        .strip_prefix("+31")
        .or_else(|| compact.strip_prefix("0031"));
    let national = match international {
        // `+31 (0)6…`: the 0 in brackets is not dialled after the country code.
        Some(rest) => format!("0{}", rest.strip_prefix('0').unwrap_or(rest)),
        None if compact.starts_with('+') || compact.starts_with("00") => {
            return Err(format!(
                "Telefoonnummer: alleen Nederlandse nummers (+31), {EXAMPLES}"
            ));
        }
        None => compact.clone(),
    };
    let digits = national.len();
    // After the country code comes an area or mobile code, never another `00` (a foreign
    // number): `+31 0031…` is not a Dutch number.
    let valid = if national.starts_with("00") {
        false
    } else if national.starts_with("140") {
        international.is_none() && (digits == 5 || digits == 6)
    } else if national.starts_with("0800") || national.starts_with("0900") {
        digits == 8 || digits == 11
    } else if national.starts_with("06") {
        digits == 10
    } else {
        national.starts_with('0') && digits == 10
    };
    if valid {
        Ok(national)
    } else if national.starts_with("06") {
        Err("Telefoonnummer: een mobiel nummer is 06 met 8 cijfers".to_string())
    } else {
        Err(format!(
            "Telefoonnummer: onvolledig of onbekend, {EXAMPLES}"
        ))
    }
}

/// Checks an e-mail address: one @, a name before it, a domain with a dot after it, no spaces.
/// The domain is lowercased (it is case-insensitive); the name before the @ is kept as typed.
pub fn email(text: &str) -> Result<String, String> {
    const MESSAGE: &str = "E-mailadres: zoals naam@voorbeeld.nl, zonder spaties";
    let text = text.trim();
    if text.chars().any(char::is_whitespace) {
        return Err(MESSAGE.to_string());
    }
    let (name, domain) = text.split_once('@').ok_or(MESSAGE)?;
    let domain_ok = !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|part| !part.is_empty());
    if name.is_empty() || !domain_ok {
        return Err(MESSAGE.to_string());
    }
    Ok(format!("{name}@{}", domain.to_lowercase()))
}

/// Checks a birth year: four digits, from 1900 up to `current_year` (a parameter, so tests do
/// not depend on the clock).
pub fn birth_year(text: &str, current_year: i32) -> Result<String, String> {
    let text = text.trim();
    let year: i32 = text
        .parse()
        .ok()
        .filter(|_| text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        .ok_or("Geboortejaar: vier cijfers, zoals 1958")?;
    if !(1900..=current_year).contains(&year) {
        return Err(format!("Geboortejaar: tussen 1900 en {current_year}"));
    }
    Ok(year.to_string())
}

/// Checks a house number: 1 to 5 digits (not starting with 0), optionally a letter or an
/// addition of up to four letters or digits. Normalised as a letter right after the number
/// (`12 a` → `12A`) and a longer addition after a dash (`12 2` → `12-2`, `12-hs` → `12-HS`).
pub fn house_number(text: &str) -> Result<String, String> {
    const MESSAGE: &str =
        "Huisnummer: een nummer met eventueel een letter of toevoeging, zoals 12, 12A of 12-2";
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(split);
    if number.is_empty() || number.len() > 5 || number.starts_with('0') {
        return Err(MESSAGE.to_string());
    }
    let separated = rest.starts_with([' ', '-']);
    let addition = rest.trim_start_matches([' ', '-']).to_uppercase();
    if addition.is_empty() {
        return if rest.is_empty() {
            Ok(number.to_string())
        } else {
            Err(MESSAGE.to_string())
        };
    }
    if addition.chars().count() > 4 || !addition.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(MESSAGE.to_string());
    }
    let letter_only = addition.len() == 1 && addition.chars().all(|c| c.is_ascii_alphabetic());
    if letter_only {
        Ok(format!("{number}{addition}"))
    } else if separated || addition.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Ok(format!("{number}-{addition}"))
    } else {
        Err(MESSAGE.to_string())
    }
}

/// A field of the intake form that can carry a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    Email,
    Postcode,
    HouseNumber,
    BirthYear,
    Question,
    Leefgebieden,
    /// The route itself: a Sociaal Team whose wijk is not known yet.
    Route,
    RouteReason,
    /// Why the danger banner was dismissed.
    DangerReason,
    /// Why a question of a household with a lopend traject does not go to its regisseur.
    OwnTrackReason,
    HandoverNote,
    /// A way to reach the resident: a phone number or an e-mail address.
    Contact,
    /// The resident's answer to sharing their details.
    Consent,
}

/// A message for one field, shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Why a handover without phone or e-mail is refused: nobody could pick it up.
pub const UNREACHABLE_HANDOVER: &str = "Een overdracht zonder telefoonnummer of e-mailadres kan niemand oppakken: \
     vraag hoe de inwoner bereikt kan worden, of handel de vraag hier af";

/// Fewer characters than this cannot be the resident's question in their own words.
pub const MIN_QUESTION_CHARS: usize = 10;

/// The intake as it is stored: valid contact fields in their normal form (`7305ab` →
/// `7305 AB`), and urgentie spoed when the suggestion demands it. Call after
/// [`validate_intake`] found nothing; invalid fields are left as typed.
pub fn normalized(intake: &Intake, suggestion: &RouteSuggestion) -> Intake {
    let mut out = intake.clone();
    let resident = &mut out.resident;
    for (field, rule) in [
        (
            &mut resident.postcode,
            postcode as fn(&str) -> Result<String, String>,
        ),
        (&mut resident.phone, phone),
        (&mut resident.email, email),
        (&mut resident.house_number, house_number),
    ] {
        if !field.trim().is_empty()
            && let Ok(normal) = rule(field)
        {
            *field = normal;
        }
    }
    if suggestion.spoed {
        out.urgentie = Urgentie::Spoed;
    }
    out
}

/// Everything that keeps an intake from being saved, in form order. Optional fields may stay
/// empty; what is filled in must be valid. A handover must let the next professional start
/// without asking again: a note, a way back to the resident, and the resident's answer on
/// sharing their details.
pub fn validate_intake(
    intake: &Intake,
    suggestion: &RouteSuggestion,
    current_year: i32,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check =
        |field: Field, value: &str, validator: &dyn Fn(&str) -> Result<String, String>| {
            if !value.trim().is_empty()
                && let Err(message) = validator(value)
            {
                errors.push(FieldError { field, message });
            }
        };
    let resident = &intake.resident;
    check(Field::Phone, &resident.phone, &phone);
    check(Field::Email, &resident.email, &email);
    check(Field::Postcode, &resident.postcode, &postcode);
    check(Field::HouseNumber, &resident.house_number, &house_number);
    check(Field::BirthYear, &resident.birth_year, &|text| {
        birth_year(text, current_year)
    });

    let mut require = |field: Field, missing: bool, message: &str| {
        if missing {
            errors.push(FieldError {
                field,
                message: message.to_string(),
            });
        }
    };
    let question_chars = intake.question.trim().chars().count();
    require(
        Field::Question,
        question_chars < MIN_QUESTION_CHARS,
        &format!(
            "Schrijf de vraag in de woorden van de inwoner (minstens {MIN_QUESTION_CHARS} tekens)"
        ),
    );
    require(
        Field::Leefgebieden,
        intake.leefgebieden.is_empty(),
        "Kies minstens één leefgebied",
    );
    // Picking the team of an incomplete suggestion completes it: not another route.
    let other_route = intake.route.as_ref().is_some_and(|route| {
        *route != suggestion.route
            && !(is_incomplete(&suggestion.route) && matches!(route, Route::SociaalTeam { .. }))
    });
    require(
        Field::RouteReason,
        other_route && intake.route_reason.trim().is_empty(),
        "Geef kort aan waarom je een andere route kiest dan voorgesteld",
    );
    require(
        Field::DangerReason,
        intake.danger.answer == Gevaar::Nee && intake.danger.dismiss_reason.trim().is_empty(),
        "Geen direct gevaar: schrijf kort op waarom de melding niet klopt",
    );
    let route = intake.route.as_ref().unwrap_or(&suggestion.route);
    if is_incomplete(route) {
        let postcode = intake.resident.postcode.trim();
        let message = if postcode.is_empty() {
            "Kies de wijk of het team: zonder postcode is de wijk onbekend".to_string()
        } else {
            format!("Postcode {postcode} ligt niet in een wijk van de gemeente: kies het team")
        };
        require(Field::Route, true, &message);
    }
    if route.is_handover() {
        require(
            Field::HandoverNote,
            intake.handover_note.trim().is_empty(),
            "Schrijf een overdrachtsnotitie, zodat de inwoner het verhaal niet opnieuw hoeft te vertellen",
        );
        let callback = matches!(route, Route::Terugbelverzoek { .. });
        require(
            Field::Contact,
            !intake.resident.reachable(),
            if callback {
                "Voor een terugbelverzoek is een telefoonnummer of e-mailadres nodig"
            } else {
                UNREACHABLE_HANDOVER
            },
        );
        require(
            Field::Consent,
            intake.consent == Consent::NietGevraagd,
            "Vraag of we gegevens mogen delen: ja of nee",
        );
    }
    errors
}

/// Where a question stands among the contact's others and the household's lopend traject.
#[derive(Debug, Clone, Copy, Default)]
pub struct InContact {
    /// The household has a regisseur and the advice is "naar de regisseur".
    pub joins_case: bool,
    /// An earlier question of the contact already carries the handover note of the one
    /// handover they share (D6).
    pub note_given: bool,
}

/// [`validate_intake`] for a question among the contact's others. With `joins_case`, another
/// route than the regisseur's starts a track of its own, and its reason (`own_track_reason`)
/// takes the place of the route reason. With `note_given`, the shared handover has its note.
pub fn validate_in_contact(
    intake: &Intake,
    suggestion: &RouteSuggestion,
    current_year: i32,
    context: InContact,
) -> Vec<FieldError> {
    let mut errors = validate_intake(intake, suggestion, current_year);
    if context.note_given {
        errors.retain(|e| e.field != Field::HandoverNote);
    }
    if context.joins_case {
        errors.retain(|e| e.field != Field::RouteReason);
        let own_track = intake
            .route
            .as_ref()
            .is_some_and(|r| *r != suggestion.route);
        if own_track && intake.own_track_reason.trim().is_empty() {
            errors.push(FieldError {
                field: Field::OwnTrackReason,
                message: "Dit huishouden heeft een regisseur: geef kort aan waarom deze vraag \
                          een eigen traject krijgt"
                    .to_string(),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_is_normalised_to_digits_space_letters() {
        for typed in ["7304AB", "7304 ab", " 7304  aB ", "7304\tAB"] {
            assert_eq!(postcode(typed).as_deref(), Ok("7304 AB"), "{typed}");
        }
    }

    #[test]
    fn postcode_rejects_what_is_not_a_dutch_postcode() {
        for wrong in [
            "0304 AB", "730 AB", "73045 AB", "7304 A", "7304 ABC", "7304 1B", "AB 7304", "7304-AB",
            "", "7304 ÀB",
        ] {
            assert_eq!(
                postcode(wrong),
                Err("Postcode: vier cijfers en twee letters, zoals 7304 AB".to_string()),
                "{wrong}"
            );
        }
        assert_eq!(
            postcode("7304 ss"),
            Err("Postcode: 7304 SS bestaat niet".to_string())
        );
    }

    #[test]
    fn phone_accepts_dutch_numbers_and_keeps_the_digits() {
        for (typed, normalised) in [
            ("06-12345678", "0612345678"),
            ("06 1234 5678", "0612345678"),
            ("010 - 123 45 67", "0101234567"),
            ("0511.123456", "0511123456"),
            ("088 123 4567", "0881234567"),
            ("+31 6 12345678", "0612345678"),
            ("+31 (0)6 1234 5678", "0612345678"),
            ("0031 20 123 4567", "0201234567"),
            ("14 020", "14020"),
            ("14 0511", "140511"),
            ("0800-2000", "08002000"),
            ("0800 0113", "08000113"),
            ("0900 123 4567", "09001234567"),
        ] {
            assert_eq!(phone(typed).as_deref(), Ok(normalised), "{typed}");
        }
    }

    #[test]
    fn phone_rejects_with_a_message_that_helps() {
        assert_eq!(
            phone("06 1234 567"),
            Err("Telefoonnummer: een mobiel nummer is 06 met 8 cijfers".to_string())
        );
        let unknown =
            "Telefoonnummer: onvolledig of onbekend, zoals 06 1234 5678, 010 123 4567 of 14 020";
        for wrong in [
            "010 123 456",
            "1234567890",
            "14 20",
            "14 05111",
            "0800 12",
            "+31 14 020",
        ] {
            assert_eq!(phone(wrong), Err(unknown.to_string()), "{wrong}");
        }
        assert!(
            phone("+32 2 123 45 67")
                .unwrap_err()
                .contains("alleen Nederlandse")
        );
        assert!(
            phone("0049 30 1234567")
                .unwrap_err()
                .contains("alleen Nederlandse")
        );
        assert!(
            phone("06 1234 5678 (na 17u)")
                .unwrap_err()
                .contains("alleen cijfers")
        );
        assert!(phone("06+12345678").unwrap_err().contains("alleen cijfers"));
    }

    #[test]
    fn email_needs_one_at_and_a_dotted_domain() {
        assert_eq!(
            email(" Jan.Jansen@Voorbeeld.NL ").as_deref(),
            Ok("Jan.Jansen@voorbeeld.nl")
        );
        assert_eq!(email("a@b.co").as_deref(), Ok("a@b.co"));
        let message = "E-mailadres: zoals naam@voorbeeld.nl, zonder spaties";
        for wrong in [
            "jan",
            "jan@",
            "@voorbeeld.nl",
            "jan@voorbeeld",
            "jan@@voorbeeld.nl",
            "jan@a@b.nl",
            "jan jansen@voorbeeld.nl",
            "jan@voorbeeld..nl",
            "jan@.nl",
            "jan@voorbeeld.nl.",
        ] {
            assert_eq!(email(wrong), Err(message.to_string()), "{wrong}");
        }
    }

    #[test]
    fn birth_year_is_plausible() {
        assert_eq!(birth_year(" 1958 ", 2025).as_deref(), Ok("1958"));
        assert_eq!(birth_year("1900", 2025).as_deref(), Ok("1900"));
        assert_eq!(birth_year("2025", 2025).as_deref(), Ok("2025"));
        let range = Err("Geboortejaar: tussen 1900 en 2025".to_string());
        assert_eq!(birth_year("1899", 2025), range);
        assert_eq!(birth_year("2026", 2025), range);
        let form = Err("Geboortejaar: vier cijfers, zoals 1958".to_string());
        for wrong in ["58", "negentien", "+958", "19588", "1958a"] {
            assert_eq!(birth_year(wrong, 2025), form, "{wrong}");
        }
    }

    #[test]
    fn house_number_with_letter_or_addition() {
        for (typed, normalised) in [
            ("12", "12"),
            (" 12a ", "12A"),
            ("12 A", "12A"),
            ("12-a", "12A"),
            ("12-2", "12-2"),
            ("12 2", "12-2"),
            ("12hs", "12-HS"),
            ("12-bis", "12-BIS"),
            ("99999", "99999"),
        ] {
            assert_eq!(house_number(typed).as_deref(), Ok(normalised), "{typed}");
        }
        let message =
            "Huisnummer: een nummer met eventueel een letter of toevoeging, zoals 12, 12A of 12-2";
        for wrong in [
            "", "a12", "012", "123456", "12-", "12 abcde", "12/2", "12 a b",
        ] {
            assert_eq!(house_number(wrong), Err(message.to_string()), "{wrong:?}");
        }
    }

    fn suggestion(route: Route) -> RouteSuggestion {
        RouteSuggestion {
            route,
            why: String::new(),
            spoed: false,
        }
    }

    fn valid_direct() -> Intake {
        Intake {
            question: "Ik krijg mijn huur niet meer betaald".to_string(),
            leefgebieden: vec!["wonen".to_string()],
            ..Intake::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<Field> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn an_anonymous_direct_intake_with_a_question_is_valid() {
        assert!(validate_intake(&valid_direct(), &suggestion(Route::Direct), 2025).is_empty());
    }

    #[test]
    fn question_and_leefgebied_are_required() {
        let intake = Intake {
            question: " kort ".to_string(),
            ..Intake::default()
        };
        let errors = validate_intake(&intake, &suggestion(Route::Direct), 2025);
        assert_eq!(fields(&errors), [Field::Question, Field::Leefgebieden]);
        assert!(
            errors[0]
                .message
                .starts_with("Schrijf de vraag in de woorden van de inwoner")
        );
    }

    #[test]
    fn filled_in_personal_details_must_be_valid() {
        let mut intake = valid_direct();
        intake.resident.phone = "12345".to_string();
        intake.resident.email = "geen-mail".to_string();
        intake.resident.postcode = "AB 1234".to_string();
        intake.resident.house_number = "nul".to_string();
        intake.resident.birth_year = "2030".to_string();
        let errors = validate_intake(&intake, &suggestion(Route::Direct), 2025);
        assert_eq!(
            fields(&errors),
            [
                Field::Phone,
                Field::Email,
                Field::Postcode,
                Field::HouseNumber,
                Field::BirthYear
            ]
        );
        assert_eq!(errors[4].message, "Geboortejaar: tussen 1900 en 2025");

        intake.resident.phone = "06 1234 5678".to_string();
        intake.resident.email = "a@b.nl".to_string();
        intake.resident.postcode = "7304ab".to_string();
        intake.resident.house_number = "12a".to_string();
        intake.resident.birth_year = "1958".to_string();
        assert!(validate_intake(&intake, &suggestion(Route::Direct), 2025).is_empty());
    }

    #[test]
    fn another_route_than_suggested_needs_a_reason() {
        let mut intake = valid_direct();
        intake.route = Some(Route::Direct);
        assert!(validate_intake(&intake, &suggestion(Route::Direct), 2025).is_empty());

        intake.route = Some(Route::Direct);
        let errors = validate_intake(&intake, &suggestion(Route::Expertiseteam), 2025);
        assert_eq!(fields(&errors), [Field::RouteReason]);

        intake.route_reason = "inwoner wil eerst zelf bellen".to_string();
        assert!(validate_intake(&intake, &suggestion(Route::Expertiseteam), 2025).is_empty());
    }

    #[test]
    fn a_handover_needs_a_note_a_way_back_and_an_answer_on_consent() {
        let mut intake = valid_direct();
        let loket = Route::Loket {
            leefgebied: "wonen".to_string(),
        };
        // The suggestion counts when the desk follows it.
        let errors = validate_intake(&intake, &suggestion(loket.clone()), 2025);
        assert_eq!(
            fields(&errors),
            [Field::HandoverNote, Field::Contact, Field::Consent]
        );
        assert_eq!(errors[1].message, UNREACHABLE_HANDOVER);

        intake.handover_note =
            "Huurachterstand van drie maanden, brief van de corporatie.".to_string();
        intake.resident.email = "a@b.nl".to_string();
        let errors = validate_intake(&intake, &suggestion(loket.clone()), 2025);
        assert_eq!(fields(&errors), [Field::Consent]);
        for answer in [Consent::Ja, Consent::Nee] {
            intake.consent = answer;
            assert!(validate_intake(&intake, &suggestion(loket.clone()), 2025).is_empty());
        }

        // A chosen handover counts even when the suggestion was to handle it directly.
        intake.route = Some(Route::Expertiseteam);
        intake.route_reason = "veel al geprobeerd".to_string();
        intake.handover_note.clear();
        let errors = validate_intake(&intake, &suggestion(Route::Direct), 2025);
        assert_eq!(fields(&errors), [Field::HandoverNote]);
    }

    /// Desk-test S16/B2: "Mevrouw wil anoniem blijven" with no phone and no e-mail was accepted
    /// as a handover nobody could act on.
    #[test]
    fn a_handover_nobody_can_reach_is_refused() {
        let mut intake = valid_direct();
        intake.handover_note = "Mevrouw wil anoniem blijven".to_string();
        intake.consent = Consent::Nee;
        intake.resident.name = "Truus".to_string();
        intake.resident.postcode = "7304 AB".to_string();
        let errors = validate_intake(&intake, &suggestion(Route::Expertiseteam), 2025);
        assert_eq!(fields(&errors), [Field::Contact]);
        assert!(errors[0].message.contains("kan niemand oppakken"));
        intake.resident.phone = "06 1234 5678".to_string();
        assert!(validate_intake(&intake, &suggestion(Route::Expertiseteam), 2025).is_empty());
    }

    #[test]
    fn a_callback_needs_a_phone_or_email() {
        let mut intake = valid_direct();
        intake.route = Some(Route::Terugbelverzoek {
            team: "KCC".to_string(),
        });
        intake.route_reason = "inwoner wil teruggebeld worden".to_string();
        intake.handover_note = "Belt terug over de huur".to_string();
        intake.consent = Consent::Ja;
        let errors = validate_intake(&intake, &suggestion(Route::Direct), 2025);
        assert_eq!(fields(&errors), [Field::Contact]);
        assert_eq!(
            errors[0].message,
            "Voor een terugbelverzoek is een telefoonnummer of e-mailadres nodig"
        );
        intake.resident.phone = "14 020".to_string();
        assert!(validate_intake(&intake, &suggestion(Route::Direct), 2025).is_empty());
    }

    /// Issue 17: "The default route for a new question of that household is 'naar de
    /// regisseur' … choosing otherwise needs a reason", and that reason is the own track's.
    #[test]
    fn another_route_than_the_regisseur_needs_the_own_track_reason() {
        let to_team = suggestion(Route::SociaalTeam {
            wijk: "De Weide".to_string(),
        });
        let joins = InContact {
            joins_case: true,
            note_given: false,
        };
        let own = Intake {
            route: Some(Route::Direct),
            ..valid_direct()
        };
        let errors = validate_in_contact(&own, &to_team, 2026, joins);
        assert_eq!(fields(&errors), [Field::OwnTrackReason]);
        let reasoned = Intake {
            own_track_reason: "losse vraag".to_string(),
            ..own
        };
        assert!(validate_in_contact(&reasoned, &to_team, 2026, joins).is_empty());
        let plain = validate_in_contact(&reasoned, &to_team, 2026, InContact::default());
        assert_eq!(fields(&plain), [Field::RouteReason]);
    }

    /// Seed 003 §3.4 ("één huishouden, één plan"): the contact's one handover has its note
    /// once, on an earlier question.
    #[test]
    fn a_note_on_an_earlier_question_serves_the_shared_handover() {
        use crate::domain::intake::Resident;
        let handover = Intake {
            resident: Resident {
                phone: "0612345678".to_string(),
                ..Resident::default()
            },
            consent: Consent::Ja,
            ..valid_direct()
        };
        let loket = suggestion(Route::Loket {
            leefgebied: "wonen".to_string(),
        });
        let alone = validate_in_contact(&handover, &loket, 2026, InContact::default());
        assert_eq!(fields(&alone), [Field::HandoverNote]);
        let noted = InContact {
            joins_case: false,
            note_given: true,
        };
        assert!(validate_in_contact(&handover, &loket, 2026, noted).is_empty());
    }
}

#[cfg(test)]
mod normalized_tests {
    use super::*;
    use crate::domain::intake::Route;

    #[test]
    fn contact_fields_are_stored_in_normal_form_and_acute_means_spoed() {
        let mut intake = Intake::default();
        intake.resident.postcode = "7305ab".into();
        intake.resident.phone = "06-12345678".into();
        intake.resident.email = "Fatima@Voorbeeld.NL".into();
        let suggestion = RouteSuggestion {
            route: Route::Expertiseteam,
            why: String::new(),
            spoed: true,
        };
        let stored = normalized(&intake, &suggestion);
        assert_eq!(stored.resident.postcode, "7305 AB");
        assert_eq!(stored.resident.phone, "0612345678");
        assert_eq!(stored.urgentie, Urgentie::Spoed);
        assert_eq!(stored.question, intake.question);
    }
}

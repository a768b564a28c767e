/// What a draft says about one practice service: its plain name, the one action patients take,
/// why it matters, and the NHS.UK or GOV.UK page about it.
public struct ServiceWording: Sendable, Hashable {
    public var id: String
    /// Plain name, used after "about": "your flu jab".
    public var name: String
    /// The one action, a short sentence: "Book your flu jab. Use the NHS App or call us."
    public var action: String
    /// One short sentence on why it matters.
    public var benefit: String
    /// The full page address (never a shortener), on nhs.uk or gov.uk.
    public var link: String
}

/// The link table: one entry for each service id of the taxonomy (shared spec, taxonomy.md).
/// Pages are NHS.UK's (NHS England) unless the address says otherwise.
public enum ServiceLinks {
    public static let all: [ServiceWording] = [
        w("nhs-health-check", "a free NHS Health Check",
            "Book your free NHS Health Check. Use the NHS App or call us.",
            "It checks your heart, blood pressure and weight.",
            "https://www.nhs.uk/tests-and-treatments/nhs-health-check/"),
        w("blood-pressure-check", "a blood pressure check",
            "Ask us or a chemist to check your blood pressure.",
            "High blood pressure often has no signs.",
            "https://www.nhs.uk/conditions/high-blood-pressure/"),
        w("cervical-screening", "cervical screening (a smear test)",
            "Book your smear test. Use the NHS App or call us.",
            "It can stop cancer before it starts.",
            "https://www.nhs.uk/conditions/cervical-screening/"),
        w("breast-screening", "breast screening",
            "Go to your breast screening when you are asked. Call us if you missed it.",
            "It can find cancer early, when it is easier to treat.",
            "https://www.nhs.uk/conditions/breast-screening-mammogram/"),
        w("bowel-screening", "your bowel screening kit",
            "Do your home bowel test kit when it comes in the post.",
            "It can find cancer early, when it is easier to treat.",
            "https://www.nhs.uk/conditions/bowel-cancer-screening/"),
        w("aaa-screening", "AAA screening (a quick scan of your tummy)",
            "Go to your AAA scan when you are asked. Call us if you missed it.",
            "It checks the main blood vessel in your tummy.",
            "https://www.nhs.uk/conditions/abdominal-aortic-aneurysm-screening/"),
        w("flu-vaccination", "your flu jab",
            "Book your flu jab. Use the NHS App or call us.",
            "Flu can make you very ill. The jab is free for you.",
            "https://www.nhs.uk/vaccinations/flu-vaccine/"),
        w("covid-vaccination", "your COVID-19 jab",
            "Book your COVID-19 jab in the NHS App or call 119.",
            "It tops up your cover for the months ahead.",
            "https://www.nhs.uk/vaccinations/covid-19-vaccine/"),
        w("shingles-vaccination", "your shingles jab",
            "Book your shingles jab. Use the NHS App or call us.",
            "Shingles is a painful rash. The jab can stop it.",
            "https://www.nhs.uk/vaccinations/shingles-vaccine/"),
        w("rsv-vaccination", "your RSV jab",
            "Book your RSV jab. Use the NHS App or call us.",
            "RSV can cause bad chest infections. The jab is free for you.",
            "https://www.nhs.uk/vaccinations/rsv-vaccine/"),
        w("pneumococcal-vaccination", "your pneumonia jab",
            "Book a jab to help stop pneumonia. Use the NHS App or call us.",
            "It helps keep you safe from some chest infections.",
            "https://www.nhs.uk/vaccinations/pneumococcal-vaccine/"),
        w("childhood-immunisations", "your child's jabs",
            "Check your child's jabs are up to date. Book in the NHS App or call us.",
            "Jabs keep your child safe from serious illness.",
            "https://www.nhs.uk/vaccinations/nhs-vaccinations-and-when-to-have-them/"),
        w("smoking-cessation", "free help to stop smoking",
            "Ask us for free help to stop smoking.",
            "You are 3 times more likely to quit with help.",
            "https://www.nhs.uk/better-health/quit-smoking/"),
        w("alcohol-support", "help to drink less",
            "Ask us for help to cut down on drink.",
            "Drinking less is good for your heart, liver and sleep.",
            "https://www.nhs.uk/live-well/alcohol-advice/"),
        w("weight-management", "free help to lose weight",
            "Ask us about a free weight loss plan.",
            "A small weight loss can make a big difference.",
            "https://www.nhs.uk/better-health/lose-weight/"),
        w("diabetes-prevention", "the Healthier You plan",
            "Ask us to join the Healthier You plan. It is free.",
            "It can help stop type 2 diabetes.",
            "https://www.england.nhs.uk/diabetes/diabetes-prevention/"),
        w("diabetes-review", "your yearly diabetes check",
            "Book your diabetes check. Use the NHS App or call us.",
            "We check your feet, eyes and blood sugar.",
            "https://www.nhs.uk/conditions/type-2-diabetes/"),
        w("asthma-review", "your yearly asthma check",
            "Book your asthma check. Use the NHS App or call us.",
            "We check your inhaler and your asthma plan.",
            "https://www.nhs.uk/conditions/asthma/"),
        w("copd-review", "your yearly COPD check",
            "Book your COPD check. Use the NHS App or call us.",
            "We check your breathing and your inhalers.",
            "https://www.nhs.uk/conditions/chronic-obstructive-pulmonary-disease-copd/"),
        w("talking-therapies", "NHS Talking Therapies",
            "You do not need to see us first. Sign up to NHS Talking Therapies online.",
            "Talking can help with stress, worry and low mood.",
            "https://www.nhs.uk/nhs-services/mental-health-services/find-nhs-talking-therapies-for-anxiety-and-depression/"),
        w("smi-health-check", "your yearly health check",
            "Book your yearly health check with us. Call us or use the NHS App.",
            "We check your heart, weight and blood tests.",
            "https://www.nhs.uk/mental-health/"),
        w("learning-disability-health-check", "your yearly health check",
            "Book your yearly health check with us. Call us or use the NHS App.",
            "It is free and you can bring someone with you.",
            "https://www.nhs.uk/conditions/learning-disabilities/annual-health-checks/"),
        w("memory-assessment", "a memory check",
            "Do you or a loved one keep forgetting things? Talk to us.",
            "Some causes of memory loss can be treated.",
            "https://www.nhs.uk/conditions/dementia/"),
        w("carers-support", "help for carers",
            "Tell us if you look after someone. We can help you too.",
            "Carers can get a health check and a flu jab.",
            "https://www.nhs.uk/conditions/social-care-and-support-guide/support-and-benefits-for-carers/"),
        w("social-prescribing", "our link worker (social prescriber)",
            "Ask us to meet our link worker.",
            "They can link you to local groups and help.",
            "https://www.england.nhs.uk/personalisedcare/social-prescribing/"),
        w("contraception-sexual-health", "sexual health and birth control",
            "Book a chat about sexual health or birth control. Use the NHS App or call us.",
            "It is free and we keep it private.",
            "https://www.nhs.uk/contraception/"),
        w("menopause-support", "help with the menopause",
            "Book a chat about the menopause. Use the NHS App or call us.",
            "There is help for hot flushes, sleep and mood.",
            "https://www.nhs.uk/conditions/menopause/"),
        w("medication-review", "a check of your medicines",
            "Ask us to check your medicines with you.",
            "Some medicines may not be needed any more.",
            "https://www.nhs.uk/medicines/"),
        w("pharmacy-first", "Pharmacy First",
            "Go to a chemist first for a sore throat, earache and more.",
            "You do not need to see a GP for these.",
            "https://www.nhs.uk/nhs-services/pharmacies/how-pharmacies-can-help/"),
        w("nhs-app", "the NHS App",
            "Get the NHS App to order repeat medicines and book.",
            "It is free and safe to use.",
            "https://www.nhs.uk/nhs-app/"),
        w("falls-prevention", "help to stop falls",
            "Tell us if you have had a fall or fear falling.",
            "Simple checks can lower your risk of a fall.",
            "https://www.nhs.uk/conditions/falls/"),
        w("sight-hearing-checks", "eye and hearing checks",
            "Book an eye test at an optician. Ask us about a hearing test.",
            "Checks can find problems early.",
            "https://www.nhs.uk/nhs-services/opticians/free-nhs-eye-tests-and-optical-vouchers/"),
    ]

    /// Wording for a service id, or nil when the id is not in the table.
    public static func wording(for id: String) -> ServiceWording? { all.first { $0.id == id } }

    /// Wording for a service id on a day titled `dayTitle`. Sight and hearing checks are one
    /// service of the taxonomy, but an eye day should not ask about hearing tests (nor a hearing
    /// day about eye tests): when the title speaks of only one of them, the text does too.
    public static func wording(for id: String, dayTitle: String) -> ServiceWording? {
        guard id == "sight-hearing-checks" else { return wording(for: id) }
        let words = Set(
            dayTitle.lowercased().split { !$0.isLetter }.map { String($0) })
        let eyes = !words.isDisjoint(with: ["eye", "eyes", "sight", "glaucoma", "vision", "macular", "blind", "blindness"])
        let ears = !words.isDisjoint(with: ["hearing", "deaf", "tinnitus", "ear", "ears"])
        switch (eyes, ears) {
        case (true, false): return eyeTest
        case (false, true): return hearingTest
        default: return wording(for: id)
        }
    }

    /// Sight tests are free on the NHS at 60 and over (NHS.UK, "Free NHS eye tests and optical
    /// vouchers": the page the link goes to).
    static let eyeTest = ServiceWording(
        id: "sight-hearing-checks", name: "an eye test",
        action: "Book an eye test at an optician. It is free if you are 60 or over.",
        benefit: "An eye test can find problems such as glaucoma early.",
        link: "https://www.nhs.uk/nhs-services/opticians/free-nhs-eye-tests-and-optical-vouchers/")

    static let hearingTest = ServiceWording(
        id: "sight-hearing-checks", name: "a hearing test", action: "Ask us about a hearing test.",
        benefit: "Help with hearing loss can make day to day life easier.",
        link: "https://www.nhs.uk/conditions/hearing-loss/")

    /// Wording when a day promotes no service of the table: the day's own page when it is on
    /// nhs.uk or gov.uk, else NHS.UK's home page.
    public static func general(dayURL: String?) -> ServiceWording {
        ServiceWording(
            id: "general", name: "your health", action: "Ask us if you have questions. Call us or use the NHS App.",
            benefit: "The NHS website has health advice you can trust.",
            link: dayURL.flatMap { isTrustedLink($0) ? $0 : nil } ?? "https://www.nhs.uk/")
    }

    /// True for a full https address whose host is nhs.uk or gov.uk or under them (www.nhs.uk,
    /// www.england.nhs.uk, www.gov.uk). Shorteners and charities' sites are not trusted.
    public static func isTrustedLink(_ url: String) -> Bool {
        guard url.hasPrefix("https://") else { return false }
        let rest = url.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }.lowercased()
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return false }
        return host == "nhs.uk" || host.hasSuffix(".nhs.uk") || host == "gov.uk" || host.hasSuffix(".gov.uk")
    }

    /// The address as written in a text message: without "https://" and a final "/", still full.
    public static func smsForm(_ link: String) -> String {
        var s = link
        if s.hasPrefix("https://") { s.removeFirst("https://".count) }
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    static func w(_ id: String, _ name: String, _ action: String, _ benefit: String, _ link: String) -> ServiceWording {
        ServiceWording(id: id, name: name, action: action, benefit: benefit, link: link)
    }
}

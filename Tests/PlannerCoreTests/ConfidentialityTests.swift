import PlannerCore
import Testing

@Suite struct ConfidentialityTests {
    static func kinds(_ text: String, phones: [String] = []) -> [String] {
        Confidentiality.check(text, practicePhones: phones).map { "\($0.kind.rawValue):\($0.severity.rawValue):\($0.text)" }
    }

    @Test func modulus11() {
        #expect(Confidentiality.isValidNHSNumber("9434765919"))
        #expect(Confidentiality.isValidNHSNumber("6541003238"))
        #expect(Confidentiality.isValidNHSNumber("4010232137"))
        #expect(!Confidentiality.isValidNHSNumber("9991234567"))
        #expect(!Confidentiality.isValidNHSNumber("9991234560"))  // check digit would be 10: no valid number
        #expect(!Confidentiality.isValidNHSNumber("9434765918"))
        #expect(!Confidentiality.isValidNHSNumber("943476591"))
    }

    @Test func nhsNumbers() {
        #expect(Self.kinds("NHS number: 943 476 5919.") == ["nhs-number:high:943 476 5919"])
        #expect(Self.kinds("Ref 9434765919 please") == ["nhs-number:high:9434765919"])
        #expect(Self.kinds("Ref 943-476-5919 please") == ["nhs-number:high:943-476-5919"])
        #expect(Self.kinds("Write it as 999 123 4567.") == ["nhs-number:medium:999 123 4567"])
        // Part of a longer number: not an NHS number.
        #expect(Self.kinds("Order 943 476 5919 12").isEmpty)
    }

    @Test func nhsNumberFindingHasItsPlace() throws {
        let f = try #require(Confidentiality.check("Hello\nYour number is 943 476 5919").first)
        #expect(f.line == 2)
        #expect(f.column == 16)
        #expect(f.kind == .nhsNumber)
        #expect(!f.hint.isEmpty)
    }

    @Test func dramaRangePhoneNumbers() {
        // Ofcom's numbers for drama: 020 7946 0xxx (London), 0161 496 0xxx (Manchester), 07700 900xxx (mobiles).
        #expect(Self.kinds("Call 020 7946 0123 today") == ["phone:medium:020 7946 0123"])
        #expect(Self.kinds("Call 0161 496 0456.") == ["phone:medium:0161 496 0456"])
        #expect(Self.kinds("Text 07700 900123") == ["phone:high:07700 900123"])
        #expect(Self.kinds("Text +44 7700 900123") == ["phone:high:+44 7700 900123"])
        #expect(Self.kinds("Call +44 (0)20 7946 0999") == ["phone:medium:+44 (0)20 7946 0999"])
        #expect(Self.kinds("Call 01632960001") == ["phone:medium:01632960001"])
        #expect(Self.kinds("Call (020) 7946 0777 now") == ["phone:medium:(020) 7946 0777"])
        #expect(Self.kinds("Call (0161) 496 0777.") == ["phone:medium:(0161) 496 0777"])
    }

    @Test func practiceOwnNumberIsNotAFinding() {
        #expect(Self.kinds("Call us on 020 7946 0123.", phones: ["02079460123"]).isEmpty)
        #expect(Self.kinds("Call us on 020 7946 0123.", phones: ["+44 20 7946 0123"]).isEmpty)
        #expect(Self.kinds("Call 020 7946 0124.", phones: ["020 7946 0123"]) == ["phone:medium:020 7946 0124"])
    }

    @Test func nationalNumbersAreAllowed() {
        #expect(Self.kinds("Call NHS 111 or 119, or the bowel screening helpline on 0800 707 60 60.").isEmpty)
        #expect(Self.kinds("Helpline: 0800 707 6060").isEmpty)
        #expect(Self.kinds("In an emergency call 999.").isEmpty)
    }

    @Test func postcodes() {
        #expect(Self.kinds("She lives at 1 High Street, SW1A 1AA.") == ["postcode:medium:SW1A 1AA"])
        #expect(Self.kinds("Post to M1 1AE now") == ["postcode:medium:M1 1AE"])
        #expect(Self.kinds("Post to CR26XH now") == ["postcode:medium:CR26XH"])
        #expect(Self.kinds("GIR 0AA") == ["postcode:medium:GIR 0AA"])
        #expect(Self.kinds("Address: BFPO 801") == ["postcode:medium:BFPO 801"])
        // Not an area, or a wrong inward code.
        #expect(Self.kinds("QQ1 1AA and SW1A 1AI").isEmpty)
        #expect(Confidentiality.check("Visit us at EC1A 1BB.", practicePostcodes: ["ec1a1bb"]).isEmpty)
    }

    @Test func datesOfBirth() {
        #expect(Self.kinds("DOB: 12/03/1956") == ["date-of-birth:high:12/03/1956"])
        #expect(Self.kinds("Date of birth 12 March 1956.") == ["date-of-birth:high:12 March 1956"])
        #expect(Self.kinds("born 1.2.56") == ["date-of-birth:high:1.2.56"])
        #expect(Self.kinds("Seen on 04-05-2027.") == ["date-of-birth:medium:04-05-2027"])
        // Campaign dates in words, without a birth word, are fine.
        #expect(Self.kinds("Time to Talk Day is on 4 February 2027.").isEmpty)
    }

    @Test func emails() {
        #expect(Self.kinds("Email jane.doe@example.com today.") == ["email:medium:jane.doe@example.com"])
        #expect(Self.kinds("Contact us @Wharfside on social media.").isEmpty)
    }

    @Test func names() {
        #expect(Self.kinds("Dear Mrs Smith,") == ["name:high:Mrs Smith"])
        #expect(Self.kinds("Dear John Smith, your jab is due") == ["name:high:John Smith"])
        #expect(Self.kinds("We saw patient Ann Jones today.") == ["name:high:Ann Jones"])
        #expect(Self.kinds("Patient: Ann") == ["name:high:Ann"])
        #expect(Self.kinds("Dear patient, Dear Sir or Madam, Dear Parent or Carer,").isEmpty)
        #expect(Self.kinds("Join our Patient Participation Group.").isEmpty)
        #expect(Self.kinds("Dear ((first name)), Dear {{name}}").isEmpty)
    }

    @Test func ordinaryCampaignTextHasNoFinding() {
        let texts = [
            "Wharfside Health Centre: flu jabs are here. Book in the NHS App or call us on 020 7946 0123. www.nhs.uk/vaccinations/flu-vaccine/",
            "Time to Talk Day is 4 February 2027. Talking about mental health helps. Find support at https://www.nhs.uk/mental-health/talking-therapies-medicine-treatments/talking-therapies-and-counselling/nhs-talking-therapies/",
            "Aged 50 to 74? Your bowel screening kit comes every 2 years. Questions? Call the free helpline on 0800 707 60 60.",
            "Dear patient,\n\nWe are writing to invite you to a free NHS Health Check. It takes 20 to 30 minutes.\n\nYours sincerely,\nThe team at Wharfside Health Centre",
            "Please don't use this page to book, cancel or discuss your care. Call us or use the NHS App. #StoptoberChallenge",
            "Stoptober starts on 1 October. 1 in 8 adults still smoke. Call 111 if you need urgent advice.",
        ]
        for t in texts {
            #expect(Confidentiality.check(t, practicePhones: ["020 7946 0123"]).isEmpty, "\(t)")
        }
    }

    @Test func findingsAreInTextOrder() {
        let f = Confidentiality.check("Dear Mrs Smith\nNHS 943 476 5919, call 07700 900001, jane@example.com")
        #expect(f.map(\.kind) == [.name, .nhsNumber, .phone, .email])
        #expect(f.map(\.line) == [1, 2, 2, 2])
    }
}

import Foundation
import PlannerTestSupport
import Testing

@Suite struct ValidateTests {
    @Test func sampleProfileIsOk() throws {
        let r = try runPlanner(["validate", "--profile", "Profiles/urban-young.yaml"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                ok: Wharfside Health Centre (Y07341): 12,037 patients, 19 registers, 5 cohorts, 23 services, \
                channels: sms, letters, website, facebook, instagram, tiktok, x

                """)
    }

    @Test func coastalSampleIsOk() throws {
        let r = try runPlanner(["validate", "--profile", "Profiles/coastal-older.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ok: Saltmarsh Bay Surgery (Y09215): 9,009 patients,"))
    }

    @Test func brokenProfileExits65WithEveryProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
            name: Broken Practice
            odscode: Y01234
            listSize: -3
            list:
              male: {}
              female: {90+: 3}
            channels:
              sms: {quarterlyBudget: 10}

            """
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("broken.yaml"))
        let r = try runPlanner(["validate", "--profile", "broken.yaml"], in: dir)
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                broken.yaml:2:1: error: Unknown key "odscode" at the top level of the profile.
                odscode: Y01234
                ^
                hint: Did you mean "odsCode"?

                broken.yaml:3:11: error: listSize is -3, but a count cannot be negative.
                listSize: -3
                          ^
                hint: Write 0 for none.

                broken.yaml:5:3: error: The male list has no age bands.
                  male: {}
                  ^
                hint: Add every band from 0-4 to 90+; write 0 where nobody is in a band.

                broken.yaml:6:3: error: The female list has no bands "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89".
                  female: {90+: 3}
                  ^
                hint: Add every band from 0-4 to 90+; write 0 where nobody is in a band.
                broken.yaml: 4 errors found.

                """)
    }

    @Test func missingFileExits65() throws {
        let r = try runPlanner(["validate", "--profile", "Profiles/no-such-practice.yaml"])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("Profiles/no-such-practice.yaml: error: There is no profile file at this path.\n"))
    }

    @Test func aRegisterAddedWithTaxonomyIsAcceptedAndPlanned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let taxonomy = """
            groups:
              - id: rheumatoid-arthritis
                name: Rheumatoid arthritis
                definition: The rheumatoid arthritis register.
                sizedFrom: {basis: register, register: RA, minAge: 16, rate75Plus: 3}
                phrases: [rheumatoid arthritis, arthritis]

            """
        try Data(taxonomy.utf8).write(to: dir.appendingPathComponent("extra.yaml"))
        let sample = TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml")
        let text = try String(contentsOf: sample, encoding: .utf8)
            .replacingOccurrences(of: "  palliative-care: 24", with: "  palliative-care: 24\n  rheumatoid-arthritis: 140")
            .replacingOccurrences(of: "decisionsFile: urban-young.decisions.yaml\n", with: "")
        try Data(text.utf8).write(to: dir.appendingPathComponent("p.yaml"))

        let without = try runPlanner(["validate", "--profile", "p.yaml"], in: dir)
        #expect(without.status == 65)
        #expect(without.stderr.contains("error: \"rheumatoid-arthritis\" is not a register id the planner knows."))

        let with = try runPlanner(["validate", "--profile", "p.yaml", "--taxonomy", "extra.yaml"], in: dir)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout.hasPrefix("ok: Wharfside Health Centre (Y07341): 12,037 patients, 20 registers,"))

        // A day about the new group, sized from the profile's count through the taxonomy's rule.
        let ics = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:ra-week@example.org",
            "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20271011", "DTEND;VALUE=DATE:20271018",
            "SUMMARY:Rheumatoid Arthritis Awareness Week", "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        try Data(ics.utf8).write(to: dir.appendingPathComponent("ra.ics"))
        let match = try runPlanner(
            ["match", "--profile", "p.yaml", "--taxonomy", "extra.yaml", "--calendars", "ra.ics", "--from", "2027-10-01",
             "--to", "2027-12-31", "--format", "json"], in: dir)
        #expect(match.status == 0, "\(match.stderr)")
        #expect(match.stdout.contains("\"groupSizes\": [{\"id\": \"rheumatoid-arthritis\", \"size\": 140}]"))
        #expect(match.stdout.contains("140 patients on your rheumatoid arthritis register"))
        let plan = try runPlanner(
            ["plan", "--profile", "p.yaml", "--taxonomy", "extra.yaml", "--calendars", "ra.ics", "--quarter", "2027-Q4",
             "--today", "2027-09-01", "--out", "out"], in: dir)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("1 campaign, "), "\(plan.stdout)")
    }
}

@Suite struct GroupOfTests {
    /// The summary's "group of N" for a register or cohort is the count the profile gives
    /// (hypertension 900 was "group of 902", AF 96 was 95, smokers 1420 was 1419).
    @Test func aRegistersGroupSizeInTheSummaryIsItsCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("group-of-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(
            ["plan", "--profile", "Profiles/urban-young.yaml", "--quarter", "2027-Q1", "--today", "2026-12-01", "--out",
             dir.path, "--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        // Registers targeted in this quarter (AF is not once the programmes calendar is read).
        let expected = ["hypertension": "900", "epilepsy": "70", "smokers": "1,420", "depression": "1,496"]
        for (id, n) in expected {
            let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("  \(id) ") }
            #expect(line?.contains("(group of \(n))") == true, "\(id): \(line ?? "none")")
        }
    }
}

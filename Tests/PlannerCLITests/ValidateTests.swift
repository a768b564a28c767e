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
}

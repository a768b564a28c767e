import PlannerCore
import PlannerExport
import Testing

@Suite struct PlanningJSONTests {
    static func tinyPlan() -> Plan {
        let d = PlanningFixtures.d
        let item = PlanItem(
            id: "world-kidney-day-2027-03-11-sms-1", campaign: "world-kidney-day-2027-03-11",
            sourceUid: "wkd@example.org",
            title: "World Kidney Day", groups: ["diabetes"], services: [], channel: .sms, date: d(2027, 3, 11),
            time: ClockTime(hour: 10), recipients: 120, expectedReach: 97, costPence: 576, effortCentiHours: 50,
            prepTasks: [PrepTask(task: "Draft the text message", due: d(2027, 2, 25), centiHours: 25)],
            why: ["Say \"hello\"\\back\tslash\u{1}."])
        let web = PlanItem(
            id: "world-kidney-day-2027-03-11-website-1", campaign: "world-kidney-day-2027-03-11",
            sourceUid: "wkd@example.org",
            title: "World Kidney Day", groups: ["diabetes"], services: ["kidney-check"], channel: .website,
            date: d(2027, 3, 9),
            time: nil, recipients: nil, expectedReach: 5, costPence: 0, effortCentiHours: 100, prepTasks: [], why: [])
        var plan = Plan(
            practiceName: "Riverside Surgery (fictional)", odsCode: "X00000", from: d(2027, 1, 1), to: d(2027, 4, 1),
            constraints: PlanConstraintsSummary(
                commsCentiHoursPerWeek: 450, campaignsPerWeek: 2, minDaysBetweenContacts: 14,
                workingHoursStart: ClockTime(hour: 8), workingHoursEnd: ClockTime(hour: 18, minute: 30),
                quietDates: [NonSendingDate(date: d(2027, 3, 10), kind: .quiet, reason: "training")],
                bankHolidays: [],
                groupOver75Shares: [GroupShare(group: "diabetes", share: 0.2567)], olderShareForDirectContact: 0.2),
            items: [web, item],
            totals: PlanTotals(
                channels: [
                    .init(channel: .social, costPence: 0, budgetPence: nil, items: 0),
                    .init(channel: .sms, costPence: 576, budgetPence: 15_005, items: 1),
                    .init(channel: .letter, costPence: 0, budgetPence: 0, items: 0),
                    .init(channel: .website, costPence: 0, budgetPence: nil, items: 1),
                ],
                effortByWeek: [.init(week: "2027-W10", centiHours: 150)],
                clinicianByWeek: [.init(week: "2027-W09", centiHours: 25)]),
            groupsWithoutContact: ["carers"],
            warnings: [PlanWarning(code: .tentativeDate, message: "check it")])
        plan.constraints.clinicianCentiHoursPerWeek = 150
        return plan
    }

    @Test func rendersTheContractWithFixedKeyOrderAndMoneyFromPence() {
        let expected = """
            {
              "practice": {
                "name": "Riverside Surgery (fictional)",
                "odsCode": "X00000"
              },
              "from": "2027-01-01",
              "to": "2027-04-01",
              "constraints": {
                "hoursPerWeek": 4.5,
                "clinicianHoursPerWeek": 1.5,
                "campaignsPerWeek": 2,
                "minDaysBetweenContacts": 14,
                "workingHours": {
                  "start": "08:00",
                  "end": "18:30"
                },
                "quietDates": [
                  {
                    "date": "2027-03-10",
                    "reason": "training"
                  }
                ],
                "bankHolidays": [],
                "olderShareForDirectContact": 0.20,
                "groupOver75Share": {
                  "diabetes": 0.26
                }
              },
              "items": [
                {
                  "id": "world-kidney-day-2027-03-11-website-1",
                  "campaign": "world-kidney-day-2027-03-11",
                  "sourceUid": "wkd@example.org",
                  "title": "World Kidney Day",
                  "groups": [
                    "diabetes"
                  ],
                  "services": [
                    "kidney-check"
                  ],
                  "channel": "website",
                  "date": "2027-03-09",
                  "time": null,
                  "recipients": null,
                  "expectedReach": 5,
                  "cost": 0.00,
                  "effortHours": 1,
                  "prepTasks": [],
                  "why": []
                },
                {
                  "id": "world-kidney-day-2027-03-11-sms-1",
                  "campaign": "world-kidney-day-2027-03-11",
                  "sourceUid": "wkd@example.org",
                  "title": "World Kidney Day",
                  "groups": [
                    "diabetes"
                  ],
                  "services": [],
                  "channel": "sms",
                  "date": "2027-03-11",
                  "time": "10:00",
                  "recipients": 120,
                  "expectedReach": 97,
                  "cost": 5.76,
                  "effortHours": 0.5,
                  "prepTasks": [
                    {
                      "task": "Draft the text message",
                      "due": "2027-02-25",
                      "hours": 0.25
                    }
                  ],
                  "why": [
                    "Say \\"hello\\"\\\\back\\tslash\\u0001."
                  ]
                }
              ],
              "totals": {
                "channels": {
                  "sms": {
                    "cost": 5.76,
                    "budget": 150.05,
                    "items": 1
                  },
                  "letter": {
                    "cost": 0.00,
                    "budget": 0.00,
                    "items": 0
                  },
                  "website": {
                    "cost": 0.00,
                    "budget": null,
                    "items": 1
                  },
                  "social": {
                    "cost": 0.00,
                    "budget": null,
                    "items": 0
                  }
                },
                "effortHoursByWeek": {
                  "2027-W10": 1.5
                },
                "clinicianHoursByWeek": {
                  "2027-W09": 0.25
                }
              },
              "groupsWithoutContact": [
                "carers"
              ],
              "warnings": [
                {
                  "code": "tentative-date",
                  "message": "check it",
                  "campaigns": [],
                  "items": []
                }
              ]
            }

            """
        let rendered = PlanJSON.render(Self.tinyPlan())
        #expect(rendered == expected)
        #expect(!rendered.contains("\r"))
    }

    @Test func formatsMoneyAndHoursWithoutFloatingPoint() {
        var plan = Self.tinyPlan()
        plan.items[1].costPence = 5
        plan.items[1].effortCentiHours = 75
        plan.constraints.commsCentiHoursPerWeek = 1234
        let out = PlanJSON.render(plan)
        #expect(out.contains("\"cost\": 0.05,"))
        #expect(out.contains("\"effortHours\": 0.75,"))
        #expect(out.contains("\"hoursPerWeek\": 12.34,"))
        plan.items[1].costPence = 123_456_789
        #expect(PlanJSON.render(plan).contains("\"cost\": 1234567.89,"))
    }

    @Test func escapesStringsPerRFC8259() {
        #expect(JSONWriter.quoted("a\"b\\c\nd\u{7}é💊") == "\"a\\\"b\\\\c\\nd\\u0007é💊\"")
        #expect(JSONWriter.quoted("\u{2028}") == "\"\\u2028\"")
    }

    @Test func prepTasksAreBackPlannedOnWorkingDays() {
        // Letters: print lead (5) + sign-off (5) / draft (10) working days before posting,
        // skipping weekends and the practice's closed days.
        let input = PlanningFixtures.input(smsBudget: 500_000, letterBudget: 500_000, hours: 12, cap: 4)
        let plan = QuarterPlanner.plan(input)
        let cal = SendingCalendar(nonSendingDates: input.constraints.nonSendingDates)
        let letters = plan.items.filter { $0.channel == .letter }
        #expect(!letters.isEmpty)
        for it in letters {
            let due = Dictionary(it.prepTasks.map { ($0.task, $0.due) }, uniquingKeysWith: { a, _ in a })
            #expect(due["Draft the letter"] == cal.sendingDay(15, before: it.date))
            // One clinical sign-off for the campaign (issue 11), by the letter's own sign-off date
            // or an earlier item's.
            let signOffs = plan.items.filter { $0.campaign == it.campaign }.flatMap(\.prepTasks).filter(\.isSignOff)
            #expect(signOffs.count == 1, "\(it.campaign)")
            #expect(signOffs.allSatisfy { $0.due <= cal.sendingDay(10, before: it.date) && $0.centiHours == 25 })
            #expect(due.first { $0.key.hasPrefix("Send to print") }?.value == cal.sendingDay(5, before: it.date))
        }
        // The calendar itself: Good Friday and Easter Monday 2027 are skipped.
        #expect(cal.sendingDay(1, before: PlanningFixtures.d(2027, 3, 30)) == PlanningFixtures.d(2027, 3, 25))
        #expect(cal.sendingDay(0, after: PlanningFixtures.d(2027, 3, 26)) == PlanningFixtures.d(2027, 3, 30))
        #expect(cal.whyNotSending(PlanningFixtures.d(2027, 3, 26)) == "2027-03-26 is a bank holiday (Good Friday)")
    }
}

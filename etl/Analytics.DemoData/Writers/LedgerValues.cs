using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.Sources;
using Analytics.Sources.Regions;

namespace Analytics.DemoData.Writers;

/// <summary>Computes one town's ledger row for a quarter: ledger-only quantities drawn by town quality, the rest consistent with the system feeds.</summary>
public static class LedgerValues
{
    public static Dictionary<string, object?> For(GenerationContext context, TownProfile town, Quarter quarter)
    {
        var r = FastRandom.For(context.Seed, town.Index, 700, quarter.Ordinal);
        var bad = 1 - town.Quality;
        var township = town.Town.Type == TownType.Township;
        var scale = town.Weight * context.Volume / 4;
        var years = quarter.Year - Calibration.AnchorYear;
        var residents = town.Residents * Months.Growth(Months.Last(quarter), 0.005);
        var committees = Math.Max(5, (int)(residents / 6400));
        var v = new Dictionary<string, object?>
        {
            ["district_code"] = town.District.Code,
            ["town_name"] = town.Town.Name,
            ["quarter"] = quarter.ToString(),
            ["submitted_date"] = quarter.LastDay.AddDays(r.Next(3, 20)),
            ["filled_by"] = context.People.Name(ref r),
            ["staff_assistance_workers"] = Math.Max(1, (int)Math.Round(town.Registered / 10_000.0 * (town.Quality > 0.7 ? r.Between(1.0, 1.3) : r.Between(0.6, 1.0)))),
            ["trainings_held"] = r.Poisson(0.4 + town.Quality),
            ["violations_review_process"] = r.Poisson(bad * 1.5),
            ["violations_periodic_review"] = r.Poisson(bad * 1.5),
            ["violations_tekun_review"] = r.Poisson(bad * 0.5),
            ["violations_temp_assistance"] = r.Poisson(bad * 0.8),
            ["violations_medical_assistance"] = r.Poisson(bad * 0.6),
            ["violations_four_medical_list"] = r.Poisson(bad * 0.5),
            ["violations_employment_assistance"] = r.Poisson(bad * 0.5),
            ["violations_improper_inclusion"] = r.Poisson(bad * 0.4),
            ["violations_exit_followup"] = r.Poisson(bad * 0.8),
            ["violations_publicity"] = r.Poisson(bad * 0.6),
            ["violations_vagrant_assistance"] = r.Poisson(bad * 0.3),
        };
        // Typhoon season: most disaster reports fall in Q3.
        var disasters = r.Poisson(quarter.Number == 3 ? 0.4 : 0.05);
        v["disaster_reports"] = disasters;
        v["disaster_max_report_delay_hours"] = disasters == 0 ? null
            : Math.Round((decimal)(r.Between(0.3, 1.9) + (r.Chance(bad * 0.8) ? r.Between(0.5, 6) : 0)), 1);
        v["help_excellent_cases"] = r.Poisson(0.6 * town.Quality);
        v["deduct_misconduct_cases"] = r.Poisson(bad * 0.08);
        v["deduct_care_injuries"] = r.Poisson(0.01);
        v["deduct_care_deaths"] = r.Poisson(0.003);
        v["veto_criminal_case"] = r.Poisson(0.002);
        var dibao = context.Rosters[town.Index].DibaoAtMonthEnd.GetValueOrDefault(Months.Last(quarter));
        if (context.Plan.Find(AnomalyKind.LedgerMismatch, town.Index, quarter) is { } mismatch)
            dibao += (int)mismatch.Magnitude;
        v["dibao_recipients_reported"] = dibao;
        // 散埋乱葬 are a township matter: a yearly target, cleared step by step through the year.
        var graves = FastRandom.For(context.Seed, town.Index, 703, quarter.Year).Poisson(township ? 12 : 0.5);
        v["burial_scattered_graves_target"] = graves;
        v["burial_scattered_graves_cleared"] = (int)Math.Round(graves * Math.Min(1.0, quarter.Number * 0.25 * (0.6 + 0.5 * town.Quality)));
        var supervisors = 1 + r.Next(2) + committees;
        v["children_supervisors"] = supervisors;
        v["children_supervisors_trained"] = (int)Math.Round(supervisors * Math.Min(1.0, town.Quality + 0.15));
        v["children_supervisors_social_work_certified"] = (int)Math.Round(supervisors * town.Quality * 0.6);
        v["highlights_count"] = quarter.Number == 4 ? 3 + r.Next(4) : r.Next(3);
        v["eldercare_community_facility_area_m2"] = Math.Round((decimal)(residents / 1000 * (30 + 25 * town.Quality) * (1 + 0.04 * years)), 1);
        var planned = 3 + (int)(FastRandom.For(context.Seed, town.Index, 704, quarter.Year).NextDouble() * 4);
        v["projects_planned"] = planned;
        v["projects_completed"] = (int)Math.Floor(planned * Math.Min(1.0, quarter.Number * 0.25 * (0.7 + 0.4 * town.Quality)));
        v["assistance_advisor_offices"] = town.Quality > 0.6 || quarter.Year >= 2024 ? 1 : 0;
        v["assistance_outreach_sweeps"] = quarter.Number == 2 ? 1 : 0;
        v["assistance_service_record_months"] = Math.Min(3, (int)Math.Round(3 * town.Quality + r.Between(-0.5, 0.5)));
        v["assistance_excellent_cases"] = r.Poisson(0.4 * town.Quality);
        var staffSampled = quarter.Number == 4 ? 20 : 0;
        var recipientsSampled = quarter.Number == 4 ? 30 : 0;
        v["survey_staff_sampled"] = staffSampled;
        v["survey_staff_aware"] = (int)Math.Round(staffSampled * Math.Min(1.0, town.Quality + 0.1));
        v["survey_recipients_sampled"] = recipientsSampled;
        v["survey_recipients_satisfied"] = (int)Math.Round(recipientsSampled * Math.Min(1.0, town.Quality + 0.12));
        v["socorg_party_covered"] = CountOrganisations(context, town, quarter, partyShare: 0.6 + 0.3 * town.Quality);
        v["charity_award_nominations"] = quarter.Number == 3 ? r.Poisson(1.0) : 0;
        v["problems_petitions_beijing"] = r.Poisson(bad * 0.05);
        v["problems_integrity_violations"] = r.Poisson(0.01);
        v["problems_safety_accidents"] = r.Poisson(0.01);
        v["problems_media_exposure"] = r.Poisson(bad * 0.05);
        v["problems_oversight_findings"] = r.Poisson(bad * 0.4);
        v["special_elderly_visits"] = r.Poisson(7000 * 3 * town.Weight * context.Volume);
        v["minors_incidents_reported"] = r.Poisson(0.3);
        v["assistive_device_rentals"] = r.Poisson(town.Registered / 20_000.0 * 3);
        v["mental_rehab_pilot"] = FastRandom.For(context.Seed, town.Index, 701).NextDouble() < 0.3 + 0.2 * years ? 1 : 0;
        v["boundary_inspections"] = town.Quality > 0.65 ? 1 : r.Next(2);
        v["boundary_issues_resolved"] = r.Poisson(0.3);
        v["charity_donations"] = Math.Round((decimal)(residents * (quarter.Number == 1 ? 0.6 : 0.2) * r.Between(0.7, 1.3)), 2);
        v["illegal_org_reports"] = r.Poisson(0.2);
        v["honours_district_or_above"] = r.Poisson(0.3 * town.Quality);
        AddEldercare(context, town, quarter, v);
        v["eldercare_home_adaptations"] = r.Poisson(300 * scale * Months.Growth(Months.Last(quarter), 0.1));
        v["eldercare_one_touch_new_users"] = r.Poisson(15_000 * scale);
        v["eldercare_smart_water_meters"] = r.Poisson(1_200 * scale);
        v["eldercare_home_care_beds"] = r.Poisson(770 * scale);
        v["eldercare_new_canteens"] = r.Chance(0.06) ? 1 : 0;
        v["eldercare_new_service_centres"] = r.Chance(0.06) ? 1 : 0;
        v["eldercare_new_doorstep_stations"] = r.Poisson(0.15);
        v["eldercare_new_smart_homes"] = r.Chance(0.03) ? 1 : 0;
        v["eldercare_new_internet_hospital_homes"] = r.Chance(0.03) ? 1 : 0;
        v["assistance_advisor_stations"] = quarter.Year >= 2024 || town.Quality > 0.8 ? 1 : 0;
        return v;
    }

    // Party coverage is reported over the organisations the registry lists for the town (active at quarter end).
    private static int CountOrganisations(GenerationContext context, TownProfile town, Quarter quarter, double partyShare)
    {
        var count = 0;
        foreach (var o in context.Organisations.Organisations)
        {
            if (o.TownIndex == town.Index && o.Registered <= quarter.LastDay && !(o.Cancelled <= quarter.LastDay) && o.ParticipationDraw < partyShare) count++;
        }
        return count;
    }

    // New beds and dementia beds as the 云监管 platform shows them, so ledger and system agree.
    private static void AddEldercare(GenerationContext context, TownProfile town, Quarter quarter, Dictionary<string, object?> v)
    {
        var newBeds = 0;
        var dementia = 0;
        foreach (var i in context.ElderlyCare.Institutions)
        {
            if (i.TownIndex != town.Index) continue;
            if (quarter.Contains(i.Opened)) newBeds += i.Beds;
            if (i.DementiaBeds > 0 && quarter.Contains(i.DementiaFrom) && i.Opened <= quarter.LastDay) dementia += i.DementiaBeds;
        }
        v["eldercare_new_beds"] = newBeds;
        v["eldercare_new_dementia_beds"] = dementia;
    }
}

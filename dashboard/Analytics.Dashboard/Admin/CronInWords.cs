using System.Globalization;

namespace Analytics.Dashboard.Admin;

/// <summary>
/// A Quartz cron expression (seconds first) in Chinese words for the admin pages, e.g. <c>0 0 2 5 1,4,7,10 ?</c> →
/// "每季度首月 5 日 02:00". Covers fixed times on days of the month or week in chosen months; any other shape (steps
/// in the time, ranges of days) returns null and the page shows the expression itself.
/// </summary>
public static class CronInWords
{
    private static readonly string[] WeekDays = ["日", "一", "二", "三", "四", "五", "六"];
    private static readonly string[] WeekDayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string? Describe(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7 || (fields.Length == 7 && fields[6] != "*")
            || Number(fields[0], 0, 59) is not { } second || Number(fields[1], 0, 59) is not { } minute
            || Number(fields[2], 0, 23) is not { } hour || Months(fields[4]) is not { } months
            || Day(fields[3], fields[5]) is not { } day)
        {
            return null;
        }

        var time = second == 0
            ? $"{hour:00}:{minute:00}"
            : $"{hour:00}:{minute:00}:{second:00}";
        // A weekly or daily rule in every month needs no month words ("每周一 02:00", not "每月每周一 02:00").
        return day.Weekly && months.Length == 12 ? $"{day.Text} {time}" : $"{MonthText(months)}{day.Text} {time}";
    }

    private static string MonthText(int[] months) => months switch
    {
        { Length: 12 } => "每月",
        [1, 4, 7, 10] => "每季度首月",
        [2, 5, 8, 11] => "每季度第二个月",
        [3, 6, 9, 12] => "每季度末月",
        _ => $"每年 {string.Join('、', months)} 月",
    };

    private static (string Text, bool Weekly)? Day(string dayOfMonth, string dayOfWeek)
    {
        if (dayOfWeek is "?" or "*")
        {
            return dayOfMonth switch
            {
                "*" or "?" => ("每日", true),
                "L" => ("最后一日", false),
                _ => Number(dayOfMonth, 1, 31) is { } d ? ($" {d} 日", false) : null,
            };
        }

        if (dayOfMonth != "?")
        {
            return null;
        }

        var days = new List<int>();
        foreach (var part in dayOfWeek.Split(','))
        {
            var index = Array.IndexOf(WeekDayNames, part.ToUpperInvariant());
            var day = index >= 0 ? index : Number(part, 1, 7) is { } n ? n - 1 : -1;
            if (day < 0)
            {
                return null;
            }

            days.Add(day);
        }

        return ("每周" + string.Join('、', days.Order().Select(d => WeekDays[d])), true);
    }

    private static int[]? Months(string field)
    {
        if (field == "*")
        {
            return [.. Enumerable.Range(1, 12)];
        }

        // "1/3": every third month from January.
        if (field.Split('/') is [var start, var step] && Number(start, 1, 12) is { } first && Number(step, 1, 12) is { } every)
        {
            return [.. Enumerable.Range(0, 12).Select(i => first + (i * every)).TakeWhile(m => m <= 12)];
        }

        var months = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            if (Number(part, 1, 12) is not { } month)
            {
                return null;
            }

            months.Add(month);
        }

        return [.. months];
    }

    private static int? Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}

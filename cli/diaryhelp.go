package cli

// The help of the diary commands.

const diaryHelp = `Usage:
  twitchcheck diary add [--date YYYY-MM-DD] --twitching 0..4 [--where LOCATION,...]
      [--caffeine N] [--sleep HOURS] [--stress low|moderate|high] [--exercise yes|no]
      [--new OPTION,...] [--note TEXT] [--replace]
  twitchcheck diary list [--days N] [--format text|json|csv]
  twitchcheck diary chart [--days N]
  twitchcheck diary forget [--yes]

A twitch diary to take to the appointment: one short entry a day. What a
doctor asks about twitching is a story over days (how long, how often,
where, whether it spreads); bring two weeks of it. Most people stop there.
If keeping a diary makes you more anxious, check less: it is fine to stop.

The diary is kept only on this computer, in $XDG_DATA_HOME/twitchcheck/
diary.db (~/.local/share/twitchcheck/diary.db when XDG_DATA_HOME is not
set; the user data folder on macOS and Windows), mode 0600. It is created
by the first 'diary add'. 'twitchcheck assess --with-diary' adds it to a
report.

Every diary command takes --diary FILE to use another diary file.
Run 'twitchcheck diary COMMAND --help' for a command's flags.
`

const diaryAddHelp = `Usage: twitchcheck diary add [--date YYYY-MM-DD] --twitching 0..4 [--where LOCATION,...]
           [--caffeine N] [--sleep HOURS] [--stress low|moderate|high] [--exercise yes|no]
           [--new OPTION,...] [--note TEXT] [--replace] [--diary FILE]

Record one day. A date that has an entry is changed only with --replace.
Anything new that is a warning sign is said at once, with what to do.

Flags:
  --date YYYY-MM-DD   the day (default: today; not after today)
  --twitching 0..4    how much twitching: 0 none, 1 a little, 2 often,
                      3 most of the day, 4 almost constant (needed)
  --where LIST        where, comma-separated: the options of the location
                      question (see 'twitchcheck rules show'), such as
                      eyelid,legs
  --caffeine N        caffeinated drinks that day, 0 to 50
  --sleep HOURS       hours of sleep the night before, 0 to 24 (such as 6.5)
  --stress LEVEL      low, moderate or high
  --exercise yes|no   strenuous exercise that day
  --new LIST          anything new that day, comma-separated: the options of
                      the emergency check and of the other symptoms, such as
                      cramps,weakness
  --note TEXT         a short note, at most 500 characters
  --replace           change the entry of a date that has one
  --diary FILE        use this diary file instead of the usual one

Example:
  twitchcheck diary add --twitching 2 --where eyelid --caffeine 4 --sleep 6 --stress high
`

const diaryListHelp = `Usage: twitchcheck diary list [--days N] [--format text|json|csv] [--diary FILE]

Print the diary's entries, oldest first.

Flags:
  --days N          only the last N days, ending today (default: every entry)
  --format FORMAT   text (default), json (an array of {"date", "twitching",
                    "where", "caffeine", "sleep", "stress", "exercise",
                    "new", "note"}; null for what was not given) or csv (for
                    a spreadsheet; a cell that would start a formula begins
                    with ')
  --diary FILE      use this diary file instead of the usual one
`

const diaryChartHelp = `Usage: twitchcheck diary chart [--days N] [--diary FILE]

Draw the last days as a chart: twitching per day as bars, with caffeinated
drinks, hours of sleep and stress beneath, then the patterns the diary
shows (only where each side has at least 4 days; observations, not
causes). The chart fits $COLUMNS (default 80), showing fewer days when it
must.

Flags:
  --days N       how many days, ending today (default 14; 30 shows a month)
  --diary FILE   use this diary file instead of the usual one
`

const diaryForgetHelp = `Usage: twitchcheck diary forget [--yes] [--diary FILE]

Delete the diary and every file of it, after asking. A file that is not a
twitchcheck diary is never deleted.

Flags:
  --yes          do not ask
  --diary FILE   delete this diary file instead of the usual one
`

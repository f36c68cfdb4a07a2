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
{flags}
Example:
  twitchcheck diary add --twitching 2 --where eyelid --caffeine 4 --sleep 6 --stress high
`

const diaryListHelp = `Usage: twitchcheck diary list [--days N] [--format text|json|csv] [--diary FILE]

Print the diary's entries, oldest first.

Flags:
{flags}
`

const diaryChartHelp = `Usage: twitchcheck diary chart [--days N] [--diary FILE]

Draw the last days as a chart: twitching per day as bars, with caffeinated
drinks, hours of sleep and stress beneath, then the patterns the diary
shows (only where each side has at least 4 days; observations, not
causes). The chart fits $COLUMNS (default 80), showing fewer days when it
must.

Flags:
{flags}
`

const diaryForgetHelp = `Usage: twitchcheck diary forget [--yes] [--diary FILE]

Delete the diary and every file of it, after asking. A file that is not a
twitchcheck diary is never deleted.

Flags:
{flags}
`

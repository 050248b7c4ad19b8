# fish completion for sleeplog
# Installed as share/fish/vendor_completions.d/sleeplog.fish.

# Prints the command word and the positional words after it (one per line), skipping
# options and their values, so a global option before the command is not a command.
function __sleeplog_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l command
    set -l skip 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case --nights
                # a value for demo and plan hold, a flag for export
                contains -- "$command" demo plan; and set skip 1
            case --db -c --child --format --color --kind --from --tz -o --output --at --end \
                --for --note --by --last --since --until --weeks --baseline-since --baseline-until \
                --seed --born --waits --stage-nights --positions --start --goal --step \
                --checkin-max --timer --columns --date-order
                set skip 1
            case '-*'
            case '*'
                set -q command[1]; or set command $token
                echo $token
        end
    end
end

# True when no command has been typed yet.
function __sleeplog_needs_command
    set -l words (__sleeplog_words)
    not set -q words[1]
end

# True when the command is one of the arguments.
function __sleeplog_command_is
    set -l words (__sleeplog_words)
    set -q words[1]; and contains -- $words[1] $argv
end

# True when the command is $argv[1] and it has exactly $argv[2] positional words so far.
function __sleeplog_positional
    set -l words (__sleeplog_words)
    test (count $words) -eq (math $argv[2] + 1); and test "$words[1]" = $argv[1]
end

# True when the command is $argv[1], its first word is $argv[2] and nothing follows yet.
function __sleeplog_second_is
    set -l words (__sleeplog_words)
    test (count $words) -eq 2; and test "$words[1]" = $argv[1]; and test "$words[2]" = $argv[2]
end

# The children in the database (a --db on the line is used), one per line.
function __sleeplog_children
    set -l tokens (commandline -opc)
    set -l db
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --db
                set -l next (math $i + 1)
                set -q tokens[$next]; and set db --db $tokens[$next]
            case '--db=*'
                set db --db (string replace -- --db= '' $tokens[$i])
        end
    end
    command sleeplog $db child list --names 2>/dev/null
end

# The KEY=COLUMN pairs of import --columns: the keys, then the column names in the header
# of the file being imported.
function __sleeplog_columns
    set -l words (__sleeplog_words)
    set -q words[2]; or return
    set -l file (string replace -r '^~' $HOME -- $words[2])
    test -r "$file"; or return
    set -l header (head -n 1 -- $file | string replace -r '^\x{feff}' '' | string trim -r -c \r)
    set -l token (commandline -ct)
    set -l done (string match -r '^.*,' -- $token)
    set -q done[1]; or set done ''
    set -l part (string replace -r '^.*,' '' -- $token)
    if string match -q '*=*' -- $part
        set -l key (string replace -r '=.*' '=' -- $part)
        for column in (string split , -- $header | string trim -c '"')
            echo $done$key$column
        end
    else
        for key in date bed asleep up note
            echo $done$key=
        end
    end
end

# Zone names from the system's tz database (Europe/Paris, UTC, ...).
function __sleeplog_zones
    set -l root /usr/share/zoneinfo/
    for file in $root*/* $root*
        test -f $file; and string replace -- $root '' $file
    end | string match -r '^[A-Z][^.]*$'
end

set -l commands bed asleep woke up cry checkin feed nap note status show list nights \
    summary trend chart report help edit rm undo child config export import check backup demo plan next \
    tag untag tags sync
set -l intervals cry checkin feed nap
set -l ranged list nights summary chart report export tag untag

# No file names unless a command expects one.
complete -c sleeplog -f

# Commands, grouped as in --help.
complete -c sleeplog -n __sleeplog_needs_command -a bed -d 'put down for the night'
complete -c sleeplog -n __sleeplog_needs_command -a asleep -d 'fell asleep'
complete -c sleeplog -n __sleeplog_needs_command -a woke -d 'a night waking begins'
complete -c sleeplog -n __sleeplog_needs_command -a up -d 'up for the day'
complete -c sleeplog -n __sleeplog_needs_command -a cry -d 'a crying episode'
complete -c sleeplog -n __sleeplog_needs_command -a checkin -d 'a parent goes in'
complete -c sleeplog -n __sleeplog_needs_command -a feed -d 'a night feed'
complete -c sleeplog -n __sleeplog_needs_command -a nap -d 'a daytime nap'
complete -c sleeplog -n __sleeplog_needs_command -a note -d 'a note at a moment'
complete -c sleeplog -n __sleeplog_needs_command -a status -d 'what is open now'
complete -c sleeplog -n __sleeplog_needs_command -a show -d 'one night in detail'
complete -c sleeplog -n __sleeplog_needs_command -a list -d 'events with their ids'
complete -c sleeplog -n __sleeplog_needs_command -a nights -d 'one row per night'
complete -c sleeplog -n __sleeplog_needs_command -a summary -d 'a period against the one before'
complete -c sleeplog -n __sleeplog_needs_command -a trend -d 'week by week'
complete -c sleeplog -n __sleeplog_needs_command -a chart -d 'night timelines'
complete -c sleeplog -n __sleeplog_needs_command -a report -d 'a page for a consultant or doctor'
complete -c sleeplog -n __sleeplog_needs_command -a help -d 'what every metric means'
complete -c sleeplog -n __sleeplog_needs_command -a edit -d "change an event"
complete -c sleeplog -n __sleeplog_needs_command -a rm -d 'remove events by id'
complete -c sleeplog -n __sleeplog_needs_command -a undo -d 'revert the latest change'
complete -c sleeplog -n __sleeplog_needs_command -a child -d 'add, list, rename children'
complete -c sleeplog -n __sleeplog_needs_command -a config -d 'show or change settings'
complete -c sleeplog -n __sleeplog_needs_command -a export -d 'events or nights as csv, json, jsonl'
complete -c sleeplog -n __sleeplog_needs_command -a import -d 'import a file'
complete -c sleeplog -n __sleeplog_needs_command -a check -d 'integrity and sanity report'
complete -c sleeplog -n __sleeplog_needs_command -a backup -d 'a consistent copy of the database'
complete -c sleeplog -n __sleeplog_needs_command -a demo -d 'fill an empty database'
complete -c sleeplog -n __sleeplog_needs_command -a sync -d 'share the log through a synced folder'
complete -c sleeplog -n __sleeplog_needs_command -a plan -d 'a sleep-training plan'
complete -c sleeplog -n __sleeplog_needs_command -a next -d "tonight's instruction"
complete -c sleeplog -n __sleeplog_needs_command -a tag -d 'tag a night (sick, travel...)'
complete -c sleeplog -n __sleeplog_needs_command -a untag -d 'remove a tag'
complete -c sleeplog -n __sleeplog_needs_command -a tags -d 'every tagged night'

# Global options (accepted before or after the command).
complete -c sleeplog -l db -r -F -d 'the database file'
complete -c sleeplog -s c -l child -x -a '(__sleeplog_children)' -d 'the child'
complete -c sleeplog -n 'not __sleeplog_command_is export report' -l format -x -a 'text json csv' -d 'output format'
complete -c sleeplog -n '__sleeplog_command_is export' -l format -x -a 'csv json jsonl' -d 'output format'
complete -c sleeplog -l color -x -a 'auto always never' -d 'colour'
complete -c sleeplog -s q -l quiet -d 'print only data and errors'
complete -c sleeplog -l version -d 'print the version'
complete -c sleeplog -s h -l help -d 'show help'

# Logging.
complete -c sleeplog -n "__sleeplog_command_is bed asleep woke up $intervals" -l note -x -d 'a note kept with the event'
complete -c sleeplog -n "__sleeplog_command_is bed asleep woke up $intervals note" -l by -x -d 'caregiver'
complete -c sleeplog -n "__sleeplog_command_is $intervals" -l for -x -d "the interval's length (DUR)"
for interval in $intervals
    complete -c sleeplog -n "__sleeplog_positional $interval 0" -a start -d 'open an interval'
    complete -c sleeplog -n "__sleeplog_positional $interval 0" -a stop -d 'close the open interval'
end
complete -c sleeplog -n '__sleeplog_command_is note' -l at -x -d 'when (WHEN)'

# Viewing.
complete -c sleeplog -n "__sleeplog_command_is $ranged" -l last -x -d 'the latest N nights'
complete -c sleeplog -n "__sleeplog_command_is $ranged" -l since -x -d 'from this night on (DATE)'
complete -c sleeplog -n "__sleeplog_command_is $ranged" -l until -x -d 'up to this night (DATE)'
complete -c sleeplog -n "__sleeplog_command_is $ranged" -l week -d 'the week holding DATE'
complete -c sleeplog -n '__sleeplog_command_is list' -l kind -x -a 'bed asleep woke up cry checkin feed nap note' -d 'only events of this kind'
complete -c sleeplog -n '__sleeplog_positional show 0' -a 'last yesterday' -d night
complete -c sleeplog -n '__sleeplog_command_is report' -s o -l output -r -F -d 'write to FILE'
complete -c sleeplog -n '__sleeplog_command_is report' -l format -x -a 'html md' -d 'page format: html or md'
complete -c sleeplog -n '__sleeplog_command_is report' -l compare -x -a 'plan previous' -d 'before the plan or the period before'
complete -c sleeplog -n '__sleeplog_command_is help' -x -a metrics -d 'what every metric means'
complete -c sleeplog -n '__sleeplog_command_is help' -x -a time -d 'how to write times'
complete -c sleeplog -n '__sleeplog_command_is trend' -l weeks -x -d 'weeks up to the latest (1 to 52, default 8)'
complete -c sleeplog -n '__sleeplog_command_is trend' -l baseline-since -x -d 'baseline from this night (DATE)'
complete -c sleeplog -n '__sleeplog_command_is trend' -l baseline-until -x -d 'baseline up to this night (DATE)'
complete -c sleeplog -n '__sleeplog_command_is nights summary trend report' -l include-disrupted -d 'count disrupted nights'

# Editing.
complete -c sleeplog -n '__sleeplog_command_is edit' -l at -x -d 'new start (WHEN)'
complete -c sleeplog -n '__sleeplog_command_is edit' -l end -x -d 'new end (END)'
complete -c sleeplog -n '__sleeplog_command_is edit' -l for -x -d 'new length (DUR)'
complete -c sleeplog -n '__sleeplog_command_is edit' -l note -x -d 'new note'
complete -c sleeplog -n '__sleeplog_command_is edit' -l by -x -d 'new caregiver'

# Setup.
complete -c sleeplog -n '__sleeplog_positional child 0' -a add -d 'add a child'
complete -c sleeplog -n '__sleeplog_positional child 0' -a list -d 'list the children'
complete -c sleeplog -n '__sleeplog_positional child 0' -a edit -d 'set a birth date or name'
complete -c sleeplog -n '__sleeplog_positional child 0' -a rename -d 'rename a child'
complete -c sleeplog -n '__sleeplog_positional child 0' -a default -d 'the default child'
complete -c sleeplog -n '__sleeplog_second_is child rename; or __sleeplog_second_is child default; or __sleeplog_second_is child edit' -a '(__sleeplog_children)' -d child
complete -c sleeplog -n '__sleeplog_command_is child; and contains -- add (__sleeplog_words)[2]' -l born -x -d 'date of birth'
complete -c sleeplog -n '__sleeplog_command_is child; and contains -- edit (__sleeplog_words)[2]' -l born -x -d 'date of birth'
complete -c sleeplog -n '__sleeplog_command_is child; and contains -- edit (__sleeplog_words)[2]' -l name -x -d 'a new name'
complete -c sleeplog -n '__sleeplog_command_is child; and contains -- list (__sleeplog_words)[2]' -l names -d 'names only'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'night-boundary' -d 'HH:MM (12:00)'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'week-start' -d 'mon or sun'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'target-bedtime' -d 'HH:MM or empty'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'default-child' -d 'child used without --child'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'caregiver' -d 'default --by'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'naps' -d 'auto, logged or untracked'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'disruptions' -d 'tags that leave trends'
complete -c sleeplog -n '__sleeplog_positional config 0' -a 'replica-name' -d 'this machine in a sync folder'
complete -c sleeplog -n '__sleeplog_second_is config week-start' -a 'mon sun'
complete -c sleeplog -n '__sleeplog_second_is config naps' -a 'auto logged untracked'
complete -c sleeplog -n '__sleeplog_second_is config default-child' -a '(__sleeplog_children)' -d child

# Data.
complete -c sleeplog -n '__sleeplog_command_is export' -l events -d 'one row per event'
complete -c sleeplog -n '__sleeplog_command_is export' -l nights -d 'one row per night'
complete -c sleeplog -n '__sleeplog_command_is export' -l plans -d 'one row per plan'
complete -c sleeplog -n '__sleeplog_command_is export' -s o -l output -r -F -d 'write to FILE'
complete -c sleeplog -n '__sleeplog_positional import 0' -F
complete -c sleeplog -n '__sleeplog_command_is import' -l from -x -a 'sleeplog huckleberry babybuddy babyconnect babytracker glow sheet' -d 'the source app'
complete -c sleeplog -n '__sleeplog_command_is import' -l columns -x -a '(__sleeplog_columns)' -d 'for --from sheet: which column holds what'
complete -c sleeplog -n '__sleeplog_command_is import' -l date-order -x -a 'dmy mdy ymd' -d 'for --from sheet: how dates are written'
complete -c sleeplog -n '__sleeplog_command_is import' -l tz -x -a '(__sleeplog_zones)' -d 'time zone of the file'
complete -c sleeplog -n '__sleeplog_command_is import' -l dry-run -d 'report, write nothing'
complete -c sleeplog -n '__sleeplog_positional backup 0' -F
complete -c sleeplog -n '__sleeplog_command_is demo' -l nights -x -d 'how many nights'
complete -c sleeplog -n '__sleeplog_command_is demo' -l seed -x -d 'random seed'
complete -c sleeplog -n '__sleeplog_positional sync 0' -a 'status conflicts restore' -d 'sync command'
complete -c sleeplog -n '__sleeplog_positional sync 0; or __sleeplog_second_is sync status' -a '(__fish_complete_directories)'
complete -c sleeplog -n '__sleeplog_command_is sync' -l dry-run -d 'say what would happen, write nothing'
complete -c sleeplog -n '__sleeplog_command_is sync' -l separate -x -d 'a child name not to merge'

# Plans and tags.
complete -c sleeplog -n '__sleeplog_positional plan 0' -a start -d 'start a plan'
complete -c sleeplog -n '__sleeplog_positional plan 0' -a show -d 'the plan and its check-ins'
complete -c sleeplog -n '__sleeplog_positional plan 0' -a stop -d 'stop the plan'
complete -c sleeplog -n '__sleeplog_positional plan 0' -a list -d 'every plan'
complete -c sleeplog -n '__sleeplog_positional plan 0' -a hold -d 'repeat the current stage'
complete -c sleeplog -n '__sleeplog_positional plan 0' -a review -d 'advance, hold or re-evaluate'
complete -c sleeplog -n '__sleeplog_second_is plan start' -a 'ferber checks chair fading' -d method
function __sleeplog_plan_is
    set -l words (__sleeplog_words)
    test "$words[1]" = plan; and contains -- "$words[2]" $argv
end
complete -c sleeplog -n '__sleeplog_plan_is start stop' -l from -x -a 'tonight yesterday' -d 'NIGHT'
complete -c sleeplog -n '__sleeplog_plan_is start' -l waits -x -d 'checks: 3,5,7;5,7,10'
complete -c sleeplog -n '__sleeplog_plan_is start' -l stage-nights -x -d 'chair: nights per position'
complete -c sleeplog -n '__sleeplog_plan_is start' -l positions -x -d 'chair: positions, comma separated'
complete -c sleeplog -n '__sleeplog_plan_is start' -l start -x -d 'fading: first bedtime HH:MM'
complete -c sleeplog -n '__sleeplog_plan_is start' -l goal -x -d 'fading: earliest bedtime HH:MM'
complete -c sleeplog -n '__sleeplog_plan_is start' -l step -x -d 'fading: step (DUR)'
complete -c sleeplog -n '__sleeplog_plan_is start' -l checkin-max -x -d 'the longest check-in (DUR)'
complete -c sleeplog -n '__sleeplog_plan_is start' -l timer -x -a 'waking crying' -d 'waits count from'
complete -c sleeplog -n '__sleeplog_plan_is hold' -l nights -x -d 'how many nights'
complete -c sleeplog -n '__sleeplog_command_is next' -l wait -d 'wait until the check-in is due'
complete -c sleeplog -n '__sleeplog_positional tag 0; or __sleeplog_positional untag 0' -a 'last yesterday tonight' -d night
complete -c sleeplog -n '__sleeplog_positional tag 1; or __sleeplog_positional untag 1' -a 'sick teething travel vaccine regression' -d tag
complete -c sleeplog -n '__sleeplog_command_is tag' -l note -x -d 'a note kept with the tag'

# bash completion for sleeplog                              -*- shell-script -*-
# Installed as share/bash-completion/completions/sleeplog; bash-completion loads it on
# first use. Works without bash-completion too (source it from ~/.bashrc).

_sleeplog_commands="bed asleep woke up cry checkin feed nap note status show list nights
  summary trend chart report help edit rm undo child config export import check backup demo plan next
  tag untag tags sync"
_sleeplog_globals="--db -c --child --format --color -q --quiet --version --help -h"
_sleeplog_kinds="bed asleep woke up cry checkin feed nap note"
_sleeplog_config_keys="night-boundary week-start target-bedtime default-child caregiver
  naps disruptions replica-name"
_sleeplog_tags="sick teething travel vaccine regression"
_sleeplog_sources="sleeplog huckleberry babybuddy babyconnect babytracker glow sheet"

# The options of one command (as in `sleeplog CMD --help`), globals aside.
_sleeplog_command_options()
{
  local range="--last --since --until --week"
  case $1 in
    bed | asleep | woke | up) echo "--note --by" ;;
    cry | checkin | feed | nap) echo "--note --for --by" ;;
    note) echo "--at --by" ;;
    list) echo "$range --kind" ;;
    chart) echo "$range" ;;
    report) echo "$range -o --output --format --compare --include-disrupted" ;;
    help) echo "" ;;
    nights | summary) echo "$range --include-disrupted" ;;
    trend) echo "--weeks --baseline-since --baseline-until --include-disrupted" ;;
    edit) echo "--at --end --for --note --by" ;;
    child) echo "" ;;
    export) echo "$range --events --nights --plans -o --output" ;;
    next) echo "--wait" ;;
    tag) echo "$range --note" ;;
    untag) echo "$range" ;;
    sync) echo "--dry-run --separate" ;;
    plan)
      case $2 in
        start) echo "--from --waits --stage-nights --positions --start --goal --step \
--checkin-max --timer" ;;
        stop) echo "--from" ;;
        hold) echo "--nights" ;;
      esac
      ;;
    import) echo "--from --tz --columns --date-order --dry-run" ;;
    demo) echo "--nights --seed" ;;
  esac
}

# Children named in the database, one per line; a --db given on the line is used
# (words and cword are those of _sleeplog, the caller).
_sleeplog_children()
{
  local -a db=()
  local i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --db) db=(--db "${words[i + 1]}") ;;
      --db=*) db=(--db "${words[i]#--db=}") ;;
    esac
  done
  # Expand a leading ~ the way the shell would when running the command.
  [[ ${#db[@]} -eq 2 && ${db[1]} == "~"* ]] && db[1]="$HOME${db[1]#"~"}"
  sleeplog "${db[@]}" child list --names 2>/dev/null
}

# Completes file names into COMPREPLY (bash-completion's helper when loaded).
_sleeplog_files()
{
  if declare -F _filedir >/dev/null; then
    _filedir
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}

# Completes the words of $1 matching $cur into COMPREPLY.
_sleeplog_words()
{
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# Completes lines (names that may hold spaces) matching $cur into COMPREPLY, each
# quoted for the command line ("Bo Li" becomes Bo\ Li).
_sleeplog_lines()
{
  local line typed=${cur//\\/}
  COMPREPLY=()
  while IFS= read -r line; do
    [[ -n $line && $line == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$line")")
  done <<<"$1"
}

# The header cells of CSV file $1, one per line (quotes and a BOM removed).
_sleeplog_header()
{
  local file=${1/#\~/$HOME} line cell
  [[ -r $file ]] || return
  IFS= read -r line <"$file"
  line=${line#$'\xef\xbb\xbf'}
  line=${line%$'\r'}
  local IFS=,
  for cell in $line; do
    cell=${cell#\"}
    printf '%s\n' "${cell%\"}"
  done
}

# Completes --columns KEY=COLUMN,...: the keys, then the column names of file $1.
_sleeplog_columns()
{
  local done="" part=$cur key name
  if [[ $cur == *,* ]]; then
    done=${cur%,*},
    part=${cur##*,}
  fi
  COMPREPLY=()
  if [[ $part == *=* ]]; then
    key=${part%%=*}=
    while IFS= read -r name; do
      name=$done$key$name
      [[ -n ${name#"$done$key"} && $name == "$cur"* ]] && COMPREPLY+=("${name// /\\ }")
    done < <(_sleeplog_header "$1")
  else
    for key in date bed asleep up note; do
      [[ $done$key= == "$cur"* ]] && COMPREPLY+=("$done$key=")
    done
    compopt -o nospace 2>/dev/null
  fi
}

# Completes the value of option $1 (for command $2); returns 1 when $1 takes no value.
_sleeplog_option_value()
{
  case $1 in
    --db | -o | --output) _sleeplog_files ;;
    -c | --child) _sleeplog_lines "$(_sleeplog_children)" ;;
    --format)
      if [[ $2 == export ]]; then
        _sleeplog_words "csv json jsonl"
      else
        _sleeplog_words "text json csv"
      fi
      ;;
    --color) _sleeplog_words "auto always never" ;;
    --kind) _sleeplog_words "$_sleeplog_kinds" ;;
    --from)
      if [[ $2 == plan ]]; then
        _sleeplog_words "tonight yesterday"
      else
        _sleeplog_words "$_sleeplog_sources"
      fi
      ;;
    --timer) _sleeplog_words "waking crying" ;;
    --date-order) _sleeplog_words "dmy mdy ymd" ;;
    --columns) _sleeplog_columns "${positionals[0]-}" ;;
    --compare) _sleeplog_words "plan previous" ;;
    --tz)
      local zones=/usr/share/zoneinfo
      mapfile -t COMPREPLY < <(cd "$zones" 2>/dev/null && compgen -f -- "$cur")
      ;;
    --at | --end | --for | --note | --by | --last | --since | --until | --weeks | \
      --baseline-since | --baseline-until | --nights | --seed | --born | --waits | \
      --stage-nights | --positions | --start | --goal | --step | --checkin-max | --name)
      COMPREPLY=() # free text: a time, a duration, a name, a number
      ;;
    *) return 1 ;;
  esac
  return 0
}

_sleeplog()
{
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  # Find the command and its positional words, skipping options and their values.
  local command="" i word
  local -a positionals=()
  for ((i = 1; i < cword; i++)); do
    word=${words[i]}
    case $word in
      --db | -c | --child | --format | --color | --kind | --from | --tz | -o | --output | \
        --at | --end | --for | --note | --by | --last | --since | --until | --weeks | \
        --baseline-since | --baseline-until | --nights | --seed | --born | --waits | \
        --stage-nights | --positions | --start | --goal | --step | --checkin-max | --timer | \
        --columns | --date-order | --name | --compare)
        # --nights is a flag for export, a value for demo and plan hold.
        [[ $word == --nights && $command != demo && $command != plan ]] || ((i++))
        ;;
      -*) ;;
      *)
        if [[ -z $command ]]; then
          command=$word
        else
          positionals+=("$word")
        fi
        ;;
    esac
  done

  # --opt=value
  if [[ $cur == --*=* ]]; then
    local option=${cur%%=*}
    cur=${cur#*=}
    _sleeplog_option_value "$option" "$command"
    return
  fi
  if [[ ! ($prev == --nights && $command != demo && $command != plan) ]] &&
    _sleeplog_option_value "$prev" "$command"; then
    return
  fi

  if [[ $cur == -* ]]; then
    local options="$_sleeplog_globals"
    [[ -n $command ]] &&
      options="$(_sleeplog_command_options "$command" "${positionals[0]}") $options"
    [[ $command == child && ${positionals[0]} == list ]] && options="--names $options"
    [[ $command == child && ${positionals[0]} == add ]] && options="--born $options"
    [[ $command == child && ${positionals[0]} == edit ]] && options="--born --name $options"
    _sleeplog_words "$options"
    return
  fi

  if [[ -z $command ]]; then
    _sleeplog_words "$_sleeplog_commands"
    return
  fi

  local n=${#positionals[@]}
  case $command in
    cry | checkin | feed | nap) ((n == 0)) && _sleeplog_words "start stop" ;;
    child)
      if ((n == 0)); then
        _sleeplog_words "add list edit rename default"
      elif ((n == 1)) && [[ ${positionals[0]} == rename || ${positionals[0]} == default || ${positionals[0]} == edit ]]; then
        _sleeplog_lines "$(_sleeplog_children)"
      fi
      ;;
    config)
      if ((n == 0)); then
        _sleeplog_words "$_sleeplog_config_keys"
      elif ((n == 1)); then
        case ${positionals[0]} in
          week-start) _sleeplog_words "mon sun" ;;
          naps) _sleeplog_words "auto logged untracked" ;;
          default-child) _sleeplog_lines "$(_sleeplog_children)" ;;
        esac
      fi
      ;;
    show) ((n == 0)) && _sleeplog_words "last yesterday" ;;
    plan)
      if ((n == 0)); then
        _sleeplog_words "start show stop list hold review"
      elif ((n == 1)) && [[ ${positionals[0]} == start ]]; then
        _sleeplog_words "ferber checks chair fading"
      fi
      ;;
    tag | untag)
      if ((n == 0)); then
        _sleeplog_words "last yesterday tonight"
      elif ((n == 1)); then
        _sleeplog_words "$_sleeplog_tags"
      fi
      ;;
    import | backup) ((n == 0)) && _sleeplog_files ;;
    sync)
      if ((n == 0)); then
        _sleeplog_words "status conflicts restore"
        COMPREPLY+=($(compgen -d -- "$cur"))
      elif ((n == 1)) && [[ ${positionals[0]} == status ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
      fi
      ;;
  esac
}

complete -F _sleeplog sleeplog

# ex: filetype=sh

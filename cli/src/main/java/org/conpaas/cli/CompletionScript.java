package org.conpaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the completion scripts for bash, zsh and fish from cps's own command tree: subcommands,
 * options, {@code -o} formats, and the caller's application and service names read from the name
 * cache ({@link NameCache}, beside the session file), so completing never calls the director.
 */
final class CompletionScript {

    /** What a command's positional words are: applications, then services of the application. */
    private static final Map<String, String> POSITIONALS = Map.ofEntries(
            Map.entry("app show", "app"), Map.entry("app rename", "app"), Map.entry("app delete", "app"),
            Map.entry("service add", "app"), Map.entry("service list", "app"), Map.entry("service upload", "service-file"),
            Map.entry("completion", "shell"), Map.entry("help", "command"));
    private static final Set<String> FILE_OPTIONS = Set.of("--cacert", "--csr", "--out");

    private final List<Entry> entries = new ArrayList<>();

    /** One command: its path under cps, subcommands, flags, options that take a value, and its positional kind. */
    private record Entry(String path, String subs, String flags, String valued, String positionals) {
    }

    CompletionScript(CommandLine root) {
        collect(root);
    }

    private void collect(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        String path = HelpText.path(spec);
        Set<String> flags = new TreeSet<>();
        Set<String> valued = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            (option.arity().max() == 0 ? flags : valued).addAll(List.of(option.names()));
        }
        boolean positionals = spec.positionalParameters().stream().anyMatch(ArgSpec::isPositional);
        String kind = POSITIONALS.getOrDefault(path, path.startsWith("service ") && positionals ? "service" : "");
        entries.add(new Entry(path, String.join(" ", new TreeSet<>(command.getSubcommands().keySet())),
                String.join(" ", flags), String.join(" ", valued), kind));
        command.getSubcommands().values().forEach(this::collect);
    }

    String bash() {
        StringBuilder spec = new StringBuilder();
        for (Entry e : entries) {
            spec.append("    \"").append(e.path()).append("\") subs=\"").append(e.subs()).append("\"; flags=\"").append(e.flags())
                    .append("\"; valued=\"").append(e.valued()).append("\"; kind=\"").append(e.positionals()).append("\" ;;\n");
        }
        return """
                # cps completion for bash (cps completion bash); names come from the cache cps list/show commands keep
                _cps_names() {
                  local f="${CPS_CONFIG:-$HOME/.conpaas/cps.conf}.names"
                  [[ -r $f ]] || return 0
                  if [[ -z $1 ]]; then cut -f1 "$f" | sort -u
                  else awk -F'\\t' -v a="$1" '$1 == a && $2 != "" { print $2 }' "$f"; fi
                }
                _cps_spec() {
                  subs=""; flags=""; valued=""; kind=""
                  case "$1" in
                %s  esac
                }
                _cps() {
                  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                  local path="" app="" i w subs flags valued kind
                  local -a words=()
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    w="${COMP_WORDS[i]}"
                    _cps_spec "$path"
                    if [[ " $valued " == *" $w "* ]]; then
                      [[ $w == --app ]] && app="${COMP_WORDS[i+1]}"
                      ((i++))
                    elif [[ $w == -* ]]; then :
                    elif [[ ${#words[@]} -eq 0 && " $subs " == *" $w "* ]]; then path="${path:+$path }$w"
                    else words+=("$w")
                    fi
                  done
                  _cps_spec "$path"
                  local IFS=$'\\n'
                  case "$prev" in
                    --app) COMPREPLY=($(compgen -W "$(_cps_names)" -- "$cur")); return ;;
                    -o|--output) COMPREPLY=($(compgen -W $'table\\njson\\nyaml' -- "$cur")); return ;;
                    %s) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                  esac
                  if [[ " $valued " == *" $prev "* ]]; then COMPREPLY=(); return; fi
                  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${flags// /$'\\n'}"$'\\n'"${valued// /$'\\n'}" -- "$cur")); return; fi
                  if [[ -n $subs && ${#words[@]} -eq 0 && $kind != command ]]; then COMPREPLY=($(compgen -W "${subs// /$'\\n'}" -- "$cur")); return; fi
                  local n=${#words[@]}
                  case "$kind" in
                    app) ((n == 0)) && COMPREPLY=($(compgen -W "$(_cps_names)" -- "$cur")) ;;
                    service|service-file)
                      if [[ -z $app ]]; then
                        if ((n == 0)); then COMPREPLY=($(compgen -W "$(_cps_names)" -- "$cur"))
                        elif ((n == 1)); then COMPREPLY=($(compgen -W "$(_cps_names "${words[0]}")" -- "$cur"))
                        elif ((n == 2)) && [[ $kind == service-file ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
                      else
                        if ((n == 0)); then COMPREPLY=($(compgen -W "$(_cps_names "$app")" -- "$cur"))
                        elif ((n == 1)) && [[ $kind == service-file ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
                      fi ;;
                    shell) ((n == 0)) && COMPREPLY=($(compgen -W $'bash\\nzsh\\nfish' -- "$cur")) ;;
                    command) local joined="${words[0]}"; for w in "${words[@]:1}"; do joined+=" $w"; done
                      _cps_spec "$joined"; COMPREPLY=($(compgen -W "${subs// /$'\\n'}" -- "$cur")) ;;
                  esac
                }
                complete -F _cps cps
                """.formatted(spec, String.join("|", FILE_OPTIONS));
    }

    String zsh() {
        return "# cps completion for zsh (cps completion zsh): the bash completion through zsh's bashcompinit\n"
                + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash();
    }

    String fish() {
        StringBuilder spec = new StringBuilder();
        for (Entry e : entries) {
            spec.append("        case '").append(e.path()).append("'\n            echo x").append(e.subs())
                    .append("\n            echo x").append(e.flags()).append("\n            echo x").append(e.valued())
                    .append("\n            echo x").append(e.positionals()).append('\n');
        }
        return """
                # cps completion for fish (cps completion fish | source); names come from the cache cps list/show commands keep
                function __cps_names
                    set -l f "$HOME/.conpaas/cps.conf.names"
                    set -q CPS_CONFIG; and test -n "$CPS_CONFIG"; and set f "$CPS_CONFIG.names"
                    test -r $f; or return 0
                    if test (count $argv) -eq 0
                        cut -f1 $f | sort -u
                    else
                        awk -F'\\t' -v a="$argv[1]" '$1 == a && $2 != "" { print $2 }' $f
                    end
                end
                function __cps_spec
                    switch "$argv[1]"
                %s    end
                end
                function __cps_complete
                    set -l tokens (commandline -opc)
                    set -l cur (commandline -ct)
                    set -l path ''
                    set -l app ''
                    set -l words
                    set -l skip 0
                    for i in (seq 2 (count $tokens))
                        set -l w $tokens[$i]
                        if test $skip -eq 1
                            set skip 0
                            continue
                        end
                        set -l spec (__cps_spec "$path" | string sub -s 2)
                        if contains -- $w (string split ' ' -- $spec[3])
                            set skip 1
                            test "$w" = --app; and set app $tokens[(math $i + 1)]
                        else if string match -q -- '-*' $w
                        else if test (count $words) -eq 0; and contains -- $w (string split ' ' -- $spec[1])
                            set path (string trim -- "$path $w")
                        else
                            set -a words $w
                        end
                    end
                    set -l spec (__cps_spec "$path" | string sub -s 2)
                    set -l prev ''
                    test (count $tokens) -gt 0; and set prev $tokens[-1]
                    if test $skip -eq 1
                        switch $prev
                            case --app
                                __cps_names
                            case -o --output
                                printf '%%s\\n' table json yaml
                            case %s
                                __fish_complete_path $cur
                        end
                        return
                    end
                    if string match -q -- '-*' $cur
                        string split ' ' -- $spec[2] $spec[3] | string match -v ''
                        return
                    end
                    set -l n (count $words)
                    if test -n "$spec[1]"; and test $n -eq 0; and test "$spec[4]" != command
                        string split ' ' -- $spec[1]
                        return
                    end
                    switch "$spec[4]"
                        case app
                            test $n -eq 0; and __cps_names
                        case service service-file
                            if test -z "$app"
                                if test $n -eq 0
                                    __cps_names
                                else if test $n -eq 1
                                    __cps_names $words[1]
                                else if test $n -eq 2; and test "$spec[4]" = service-file
                                    __fish_complete_path $cur
                                end
                            else if test $n -eq 0
                                __cps_names $app
                            else if test $n -eq 1; and test "$spec[4]" = service-file
                                __fish_complete_path $cur
                            end
                        case shell
                            test $n -eq 0; and printf '%%s\\n' bash zsh fish
                        case command
                            __cps_spec "$words" | string sub -s 2 | head -n 1 | string split ' ' | string match -v ''
                    end
                end
                complete -c cps -e
                complete -c cps -f -a '(__cps_complete)'
                """.formatted(spec, String.join(" ", FILE_OPTIONS));
    }
}

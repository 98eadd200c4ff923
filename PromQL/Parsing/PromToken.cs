using Superpower.Display;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>The lexical tokens of PromQL. Keywords (by, offset, and, ...) are identifiers the grammar recognises by text.</summary>
public enum PromToken
{
    Identifier,
    Number,
    Duration,
    String,
    [Token(Example = "(")] LeftParen,
    [Token(Example = ")")] RightParen,
    [Token(Example = "{")] LeftBrace,
    [Token(Example = "}")] RightBrace,
    [Token(Example = "[")] LeftBracket,
    [Token(Example = "]")] RightBracket,
    [Token(Example = ",")] Comma,
    [Token(Example = ":")] Colon,
    [Token(Example = "@")] At,
    [Token(Example = "+")] Add,
    [Token(Example = "-")] Sub,
    [Token(Example = "*")] Mul,
    [Token(Example = "/")] Div,
    [Token(Example = "%")] Mod,
    [Token(Example = "^")] Pow,
    [Token(Example = "==")] EqualEqual,
    [Token(Example = "!=")] NotEqual,
    [Token(Example = "=~")] RegexMatch,
    [Token(Example = "!~")] RegexNotMatch,
    [Token(Example = "=")] Assign,
    [Token(Example = "<=")] LessOrEqual,
    [Token(Example = "<")] Less,
    [Token(Example = ">=")] GreaterOrEqual,
    [Token(Example = ">")] Greater,
}
